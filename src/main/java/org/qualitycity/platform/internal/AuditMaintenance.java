package org.qualitycity.platform.internal;

import org.qualitycity.platform.AuditVerifier.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The daily care of the audit trail, once per cluster (advisory lock): verify the chain, record its
 * head (so that cutting off the newest entries is detected later), then archive the entries older than
 * the retention period ({@code qc.audit.retention-days}, at least 180) — each archive a gzipped JSON
 * lines file whose SHA-256 is recorded in {@code platform_audit_archive} before the rows are deleted. The
 * database refuses to delete an entry that no archive record covers. A broken chain is not archived
 * (that would hide the evidence).
 */
@Component
public class AuditMaintenance {

    private static final Logger log = LoggerFactory.getLogger(AuditMaintenance.class);
    /** Advisory lock key of the daily audit maintenance ('QCAUDMNT'). */
    static final long MAINTENANCE_LOCK = 0x51434155444d4e54L;
    /** Most entries in one archive file. */
    static final int ARCHIVE_ROWS = 200_000;

    /** What one maintenance run did. */
    public record Report(Verification verification, List<Archive> archives) {
    }

    /** One archive file. */
    public record Archive(long fromSeq, long toSeq, long rows, Path file, String sha256) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail trail;
    private final AuditProperties props;
    private final QcProperties qc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate newTx;

    AuditMaintenance(JdbcClient jdbc, AuditTrail trail, AuditProperties props, QcProperties qc, Clock clock,
                     PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.trail = trail;
        this.props = props;
        this.qc = qc;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
        this.newTx = new TransactionTemplate(txManager);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(cron = "${qc.audit.daily-cron:0 20 2 * * *}")
    void daily() {
        try {
            Report r = run();
            if (r != null) {
                Verification v = r.verification();
                log.info("Audit trail verified: intact={}, checked={}, unsealed={}, head seq={} hash={}, archives={}",
                        v.intact(), v.checked(), v.unsealed(), v.headSeq(), v.headHash(), r.archives().size());
            }
        } catch (RuntimeException e) {
            log.error("Daily audit maintenance failed", e);
        }
    }

    /** Verifies, records the head and archives; null when another node is doing it right now. */
    public Report run() {
        return tx.execute(s -> {
            if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", MAINTENANCE_LOCK)
                    .query(Boolean.class).single()) {
                return null;
            }
            Verification v = trail.verify();
            if (!v.intact()) {
                log.error("Audit chain broken: ids {}, missing heads {}; nothing archived", v.brokenIds(), v.missingHeads());
                return new Report(v, List.of());
            }
            newTx.executeWithoutResult(t -> trail.recordHead(v));
            return new Report(v, archiveOlderThan(clock.instant().minus(Duration.ofDays(props.retentionDays()))));
        });
    }

    public Path archiveDir() {
        return StringUtils.hasText(props.archiveDir()) ? Path.of(props.archiveDir())
                : Path.of(qc.dataDir(), "audit-archive");
    }

    /** Archives and deletes the sealed entries before the first one at or after {@code cutoff}, in chain order. */
    List<Archive> archiveOlderThan(Instant cutoff) {
        List<Archive> done = new ArrayList<>();
        while (true) {
            long from = jdbc.sql("SELECT coalesce(min(seq), -1) FROM platform_audit WHERE seq IS NOT NULL")
                    .query(Long.class).single();
            if (from < 0) {
                break;
            }
            long keep = jdbc.sql("SELECT coalesce(min(seq), -1) FROM platform_audit WHERE seq IS NOT NULL AND at >= :cutoff")
                    .param("cutoff", Timestamp.from(cutoff)).query(Long.class).single();
            long to = keep >= 0 ? keep - 1
                    : jdbc.sql("SELECT max(seq) FROM platform_audit").query(Long.class).single();
            to = Math.min(to, from + ARCHIVE_ROWS - 1);
            if (to < from) {
                break;
            }
            done.add(archive(from, to));
        }
        return done;
    }

    private Archive archive(long from, long to) {
        Path dir = archiveDir();
        Path file = dir.resolve("platform_audit-" + from + "-" + to + ".jsonl.gz");
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        long rows;
        String sha;
        try {
            Files.createDirectories(dir);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long[] n = {0};
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream dig = new DigestOutputStream(new BufferedOutputStream(raw), digest);
                 OutputStream gz = new GZIPOutputStream(dig)) {
                jdbc.sql("SELECT to_jsonb(a)::text FROM platform_audit a WHERE seq BETWEEN :from AND :to ORDER BY seq")
                        .param("from", from).param("to", to)
                        .query(rs -> {
                            try {
                                gz.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                                gz.write('\n');
                                n[0]++;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            rows = n[0];
            sha = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Archiving audit entries " + from + "-" + to + " to " + file + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long count = rows;
        String hash = sha;
        newTx.executeWithoutResult(s -> {
            Map<String, Object> edge = jdbc.sql("""
                            SELECT min(at) AS first_at, max(at) AS last_at,
                                   (SELECT hash FROM platform_audit WHERE seq = :to) AS last_hash
                            FROM platform_audit WHERE seq BETWEEN :from AND :to
                            """).param("from", from).param("to", to).query().singleRow();
            jdbc.sql("""
                            INSERT INTO platform_audit_archive (archived_at, from_seq, to_seq, row_count, first_at, last_at,
                                                                last_hash, file_name, sha256)
                            VALUES (:now, :from, :to, :rows, :firstAt, :lastAt, :lastHash, :file, :sha)
                            """)
                    .param("now", Timestamp.from(clock.instant())).param("from", from).param("to", to)
                    .param("rows", count).param("firstAt", edge.get("first_at")).param("lastAt", edge.get("last_at"))
                    .param("lastHash", edge.get("last_hash")).param("file", file.getFileName().toString())
                    .param("sha", hash).update();
            int deleted = jdbc.sql("DELETE FROM platform_audit WHERE seq BETWEEN :from AND :to")
                    .param("from", from).param("to", to).update();
            if (deleted != count) {
                throw new IllegalStateException("Archived " + count + " audit entries but would delete " + deleted);
            }
        });
        log.info("Archived audit entries {}-{} ({} rows) to {} (SHA-256 {})", from, to, count, file, hash);
        return new Archive(from, to, count, file, hash);
    }
}
