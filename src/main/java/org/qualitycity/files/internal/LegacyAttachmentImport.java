package org.qualitycity.files.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * On start-up, copies attachments written to the data directory before attachments moved into the
 * database ({@code store = 'DISK'}) into the configured store, one attachment per transaction, so that
 * existing installations keep their files and every node can read them. Each row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}: nodes starting together share the work and never copy a file twice. A
 * file this node cannot find (or whose size or SHA-256 differs from the record) stays DISK and is logged;
 * a node that has it copies it when it starts. The files on disk are left in place for the operator to
 * remove (docs/operations.md).
 */
@Component
class LegacyAttachmentImport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LegacyAttachmentImport.class);

    /** The outcome of one run. */
    record Outcome(int copied, int missing) {
    }

    private record OnDisk(long id, String key, long size, String sha256) {
    }

    private final JdbcClient jdbc;
    private final FileStore files;
    private final BlobStore blobs;
    private final TransactionTemplate tx;

    LegacyAttachmentImport(JdbcClient jdbc, FileStore files, BlobStores blobStores, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.files = files;
        this.blobs = blobStores.current();
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        Outcome o = copyAll();
        if (o.copied() + o.missing() > 0) {
            log.info("Attachments copied from the data directory into the {} store: {}; not found on this node: {}",
                    blobs.name().toLowerCase(java.util.Locale.ROOT), o.copied(), o.missing());
        }
    }

    Outcome copyAll() {
        long after = 0;
        int copied = 0;
        int missing = 0;
        while (true) {
            long from = after;
            Long[] done = tx.execute(s -> {
                OnDisk row = jdbc.sql("""
                                SELECT id, storage_key, size_bytes, sha256 FROM files_attachment
                                WHERE store = 'DISK' AND id > :after ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                        .param("after", from)
                        .query((rs, n) -> new OnDisk(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                        .optional().orElse(null);
                if (row == null) {
                    return null;
                }
                boolean ok = copy(row);
                if (!ok) {
                    s.setRollbackOnly();
                }
                return new Long[] {row.id(), ok ? 1L : 0L};
            });
            if (done == null) {
                return new Outcome(copied, missing);
            }
            after = done[0];
            if (done[1] == 1L) {
                copied++;
            } else {
                missing++;
            }
        }
    }

    private boolean copy(OnDisk row) {
        Path path = files.pathOf(row.key());
        try {
            if (!Files.isRegularFile(path)) {
                log.warn("Attachment {}: its file {} is not on this node; it stays on disk until a node that has it starts",
                        row.id(), path);
                return false;
            }
            if (Files.size(path) != row.size() || !sha256(path).equals(row.sha256())) {
                log.error("Attachment {}: the file {} differs from the recorded size or SHA-256; not copied", row.id(), path);
                return false;
            }
            blobs.write(row.key(), path);
        } catch (IOException e) {
            log.error("Attachment {}: could not copy {}: {}", row.id(), path, e.toString());
            return false;
        }
        jdbc.sql("UPDATE files_attachment SET store = :store WHERE id = :id")
                .param("store", blobs.name()).param("id", row.id()).update();
        return true;
    }

    private static String sha256(Path path) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
