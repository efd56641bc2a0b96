package org.qualitycity.platform.internal;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data keys of {@code platform_data_key}, unwrapped with the master key. Plain JDBC so that the
 * command line (key rotation, backup) uses it without the application context.
 */
final class KeyRing {

    static final String ENCRYPT = "ENCRYPT";
    static final String HMAC = "HMAC";
    private static final long CREATE_LOCK = 0x5143444B45594CL; // 'QCDKEYL'
    private static final SecureRandom RANDOM = new SecureRandom();

    record DataKey(int id, String purpose, byte[] key, boolean active) {
    }

    private final Map<Integer, DataKey> keys;
    private final MasterKey master;

    private KeyRing(Map<Integer, DataKey> keys, MasterKey master) {
        this.keys = keys;
        this.master = master;
    }

    /**
     * Loads the master key (environment or key file, created on the first start) and the data keys,
     * creating them on first use. A rotation interrupted after its commit is completed here.
     */
    static KeyRing open(DataSource ds, Path dataDir, String envKey, boolean create) {
        try (Connection c = ds.getConnection()) {
            String wrappedBy = wrappingKeyId(c);
            // a new key file only for a database without data keys: never replace a lost one by a useless new one
            MasterKey master = MasterKey.load(dataDir, envKey, create && wrappedBy == null);
            if (wrappedBy != null && !wrappedBy.equals(master.id()) && master.file() != null) {
                Path pending = master.file().resolveSibling("master.key.new");
                if (Files.exists(pending)) {
                    MasterKey next = MasterKey.of(MasterKey.decode(Files.readString(pending, StandardCharsets.US_ASCII),
                            pending.toString()), master.file());
                    if (next.id().equals(wrappedBy)) {
                        MasterKey.promote(pending, master.file());
                        master = next;
                    }
                }
            }
            if (wrappedBy == null && create) {
                createKeys(c, master);
            }
            return new KeyRing(unwrapAll(c, master), master);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Cannot load the data keys: " + e.getMessage(), e);
        }
    }

    private static String wrappingKeyId(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT master_key_id FROM platform_data_key ORDER BY id LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void createKeys(Connection c, MasterKey master) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, CREATE_LOCK);
                lock.execute();
            }
            if (wrappingKeyId(c) == null) {
                insert(c, master, 1, HMAC);
                insert(c, master, 2, ENCRYPT);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void insert(Connection c, MasterKey master, int id, String purpose) throws SQLException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO platform_data_key (id, purpose, wrapped, master_key_id) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, purpose);
            ps.setBytes(3, wrap(master, id, purpose, key));
            ps.setString(4, master.id());
            ps.executeUpdate();
        }
    }

    private static Map<Integer, DataKey> unwrapAll(Connection c, MasterKey master) throws SQLException {
        Map<Integer, DataKey> out = new LinkedHashMap<>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT id, purpose, wrapped, master_key_id, active FROM platform_data_key ORDER BY id")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String purpose = rs.getString(2);
                if (!master.id().equals(rs.getString(4))) {
                    throw new IllegalStateException("The master key (id " + master.id() + ") is not the one that wrapped "
                            + "the data keys (id " + rs.getString(4) + "): set " + MasterKey.ENV
                            + " or restore the key file of this database");
                }
                out.put(id, new DataKey(id, purpose, unwrap(master, id, purpose, rs.getBytes(3)), rs.getBoolean(5)));
            }
        }
        return out;
    }

    /**
     * Re-wraps every data key under {@code next} in one transaction; the data keys themselves and
     * therefore every stored value and hash stay as they are. Returns the number of keys re-wrapped.
     */
    static int rewrap(Connection c, MasterKey current, MasterKey next) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Map<Integer, DataKey> all = unwrapAll(c, current);
            try (PreparedStatement ps = c.prepareStatement("UPDATE platform_data_key SET wrapped = ?, master_key_id = ?, "
                    + "rewrapped_at = now() WHERE id = ?")) {
                for (DataKey k : all.values()) {
                    ps.setBytes(1, wrap(next, k.id(), k.purpose(), k.key()));
                    ps.setString(2, next.id());
                    ps.setInt(3, k.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return all.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    MasterKey master() {
        return master;
    }

    DataKey activeEncryptKey() {
        return keys.values().stream().filter(k -> k.purpose().equals(ENCRYPT) && k.active())
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no active data key"));
    }

    DataKey key(int id) {
        DataKey k = keys.get(id);
        if (k == null || !k.purpose().equals(ENCRYPT)) {
            throw new IllegalStateException("unknown data key " + id);
        }
        return k;
    }

    byte[] hmacKey() {
        return keys.values().stream().filter(k -> k.purpose().equals(HMAC)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no HMAC key")).key();
    }

    private static byte[] aad(int id, String purpose) {
        return ("qc-data-key:" + id + ":" + purpose).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] wrap(MasterKey master, int id, String purpose, byte[] key) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(master.key(), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(id, purpose));
            byte[] ct = cipher.doFinal(key);
            byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] unwrap(MasterKey master, int id, String purpose, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(master.key(), "AES"),
                    new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(aad(id, purpose));
            return cipher.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The master key does not unwrap data key " + id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
