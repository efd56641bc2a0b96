package org.qualitycity.files.internal;

import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The node's local file area for attachments: uploads are staged (counted, hashed, type-checked) in
 * {@code files/tmp} before their bytes go to the shared {@link BlobStore}. Attachments written before
 * the bytes moved into the database lie under their key (a random UUID), sharded by its first
 * characters: {@code files/3f/a2/3fa2…}; {@link LegacyAttachmentImport} copies them into the database.
 * A user-chosen name never becomes part of a path.
 */
@Component
@EnableConfigurationProperties(FilesProperties.class)
class FileStore {

    private static final Logger log = LoggerFactory.getLogger(FileStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A file written to the temporary area, with what was measured while writing it. */
    record Staged(Path path, long size, String sha256) {
    }

    private final Path root;
    private final Path tmp;
    private final long maxSize;

    FileStore(FilesProperties props, @Value("${qc.data-dir:./var}") String dataDir) {
        String dir = StringUtils.hasText(props.dir()) ? props.dir() : Path.of(dataDir, "files").toString();
        this.root = Path.of(dir).toAbsolutePath().normalize();
        this.tmp = root.resolve("tmp");
        this.maxSize = props.maxSize().toBytes();
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachment directory " + root, e);
        }
    }

    long maxSize() {
        return maxSize;
    }

    /** Copies the stream to a temporary file, hashing and counting; refuses more than the size limit. */
    Staged stage(InputStream in) {
        Path file;
        try {
            file = Files.createTempFile(tmp, "up-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxSize) {
                    throw new ValidationException("file", Texts.msg("files.error.too-large", humanSize(maxSize)));
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            return new Staged(file, total, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            discard(file);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            discard(file);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            discard(file);
            throw e;
        }
    }

    /** The path of a file written before attachments moved into the database; the key must be one we generated. */
    Path pathOf(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        Path p = root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("storage key escapes the store: " + key);
        }
        return p;
    }

    void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    static String humanSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
