package org.qualitycity.files.internal;

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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The bytes of attachments on the file system, under a key that the application generates (a random
 * UUID), sharded by its first characters: {@code files/3f/a2/3fa2…}. A user-chosen name never
 * becomes part of a path. Several nodes share the directory (a network volume) the same way they
 * share the database.
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
                    throw new ValidationException("file", "is larger than the limit of " + humanSize(maxSize));
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

    /** Moves a staged file to its permanent place and returns its new key. */
    String commit(Staged staged) {
        String key = UUID.randomUUID().toString();
        Path target = pathOf(key);
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged.path(), target);
            }
        } catch (IOException e) {
            discard(staged.path());
            throw new UncheckedIOException(e);
        }
        return key;
    }

    /** The path of a stored file; the key must be one this store generated. */
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

    /** Removes a file that was written but whose record was not committed. */
    void remove(String key) {
        discard(pathOf(key));
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
