package org.qualitycity.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The master key that wraps the data keys of {@code platform_data_key}; it never enters the database.
 * Taken from {@code QC_MASTER_KEY} (base64 of 32 random bytes) when set, else from the key file
 * {@code <data dir>/keys/master.key}, which is created with permissions 0600 on the first start.
 *
 * @param key  the 32 key bytes
 * @param id   fingerprint (first 8 bytes of SHA-256, hex) stored with each wrapped data key
 * @param file the key file, or null when the key came from the environment
 */
public record MasterKey(byte[] key, String id, Path file) {

    public static final String ENV = "QC_MASTER_KEY";

    public static Path keyFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("master.key");
    }

    /**
     * The master key from {@code envValue} when not blank, else from the key file under {@code dataDir};
     * a missing file is created with a new random key when {@code create} is set.
     */
    public static MasterKey load(Path dataDir, String envValue, boolean create) {
        if (envValue != null && !envValue.isBlank()) {
            return of(decode(envValue, ENV), null);
        }
        Path file = keyFile(dataDir);
        try {
            if (!Files.exists(file)) {
                Path pending = file.resolveSibling("master.key.new");
                if (Files.exists(pending)) {
                    // a rotation stopped between committing the re-wrapped keys and replacing the file
                    return of(decode(Files.readString(pending, StandardCharsets.US_ASCII), pending.toString()), file);
                }
                if (!create) {
                    throw new IllegalStateException("No master key: neither " + ENV + " nor the key file " + file);
                }
                MasterKey k = generate(file);
                try {
                    k.writeNew(file);
                    return k;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use that one
                }
            }
            return of(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()), file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    static MasterKey generate(Path file) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return of(k, file);
    }

    static MasterKey of(byte[] key, Path file) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
            return new MasterKey(key, HexFormat.of().formatHex(d, 0, 8), file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decode(String base64, String source) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not base64");
        }
        if (k.length != 32) {
            throw new IllegalStateException("The master key in " + source + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return k;
    }

    String encoded() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Creates {@code target} (and its folder, 0700) holding this key, readable by the owner only (0600). */
    void writeNew(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(target, encoded() + "\n", StandardCharsets.US_ASCII);
    }

    /** Writes this key to {@code <target>.new} (0600); {@link #promote} then replaces {@code target} atomically. */
    Path writePending(Path target) throws IOException {
        Path pending = target.resolveSibling(target.getFileName() + ".new");
        Files.deleteIfExists(pending);
        writeNew(pending);
        return pending;
    }

    static void promote(Path pending, Path target) throws IOException {
        Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
