package org.qualitycity.monitoring.internal;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import org.qualitycity.monitoring.Device;
import org.qualitycity.monitoring.DeviceProfile;
import org.qualitycity.monitoring.Devices;
import org.qualitycity.platform.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device register, cached in memory (devices are few and change rarely; the ingestion path reads them for every
 * batch). Credentials are stored as salted SHA-256 ({@code sha256$salt$hash}): device credentials are checked on
 * every frame and batch at high rates, where a deliberately slow hash (bcrypt) would be the bottleneck.
 */
@Service
public class DeviceRegistry implements Devices {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, profile, code, name, unit_id, attributes::text AS attributes, demo, "
            + "credential_hash";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> idByCode = new ConcurrentHashMap<>();

    record Entry(Device device, String credentialHash) {
    }

    DeviceRegistry(JdbcClient jdbc, AuditLog audit, ObjectMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    @Override
    public Optional<Device> byId(long id) {
        return entry(id).map(Entry::device);
    }

    @Override
    public Optional<Device> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Long id = idByCode.get(code);
        if (id != null) {
            return byId(id);
        }
        Optional<Entry> e = jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_device WHERE code = :code")
                .param("code", code).query(this::map).optional();
        e.ifPresent(this::cache);
        return e.map(Entry::device);
    }

    @Override
    public List<Device> byProfile(DeviceProfile profile) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_device WHERE profile = :profile ORDER BY id")
                .param("profile", profile.name()).query(this::map).list().stream()
                .peek(this::cache).map(Entry::device).toList();
    }

    @Override
    @Transactional
    public Device register(DeviceProfile profile, String code, String name, long unitId, String credential,
                           Map<String, String> attributes, boolean demo) {
        Map<String, String> attrs = attributes == null ? Map.of() : attributes;
        long id = jdbc.sql("""
                        INSERT INTO monitoring_device (profile, code, name, unit_id, credential_hash, attributes, demo)
                        VALUES (:profile, :code, :name, :unitId, :hash, CAST(:attributes AS jsonb), :demo) RETURNING id""")
                .param("profile", profile.name()).param("code", code).param("name", name).param("unitId", unitId)
                .param("hash", hash(credential)).param("attributes", write(attrs)).param("demo", demo)
                .query(Long.class).single();
        Device d = new Device(id, profile, code, name, unitId, attrs, demo);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("profile", profile.name());
        after.put("code", code);
        after.put("name", name);
        after.put("attributes", attrs);
        audit.record("monitoring", "device", id, unitId, "CREATE", null, after);
        return d;
    }

    /** The device with this code if the credential is its own. */
    public Optional<Device> authenticate(String code, String credential) {
        if (code == null || credential == null) {
            return Optional.empty();
        }
        return byCode(code).flatMap(d -> entry(d.id()))
                .filter(e -> matches(credential, e.credentialHash())).map(Entry::device);
    }

    /** Whether the credential is the device's own. */
    public boolean matches(long deviceId, String credential) {
        return credential != null && entry(deviceId).filter(e -> matches(credential, e.credentialHash())).isPresent();
    }

    /** Forgets the cached devices (tests that change the table directly). */
    public void evict() {
        byId.clear();
        idByCode.clear();
    }

    private Optional<Entry> entry(long id) {
        Entry e = byId.get(id);
        if (e != null) {
            return Optional.of(e);
        }
        Optional<Entry> loaded = jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_device WHERE id = :id")
                .param("id", id).query(this::map).optional();
        loaded.ifPresent(this::cache);
        return loaded;
    }

    private void cache(Entry e) {
        byId.put(e.device().id(), e);
        idByCode.put(e.device().code(), e.device().id());
    }

    private Entry map(ResultSet rs, int row) throws SQLException {
        Map<String, String> attrs;
        try {
            attrs = json.readValue(rs.getString("attributes"), new TypeReference<Map<String, String>>() {
            });
        } catch (Exception ex) {
            attrs = Map.of();
        }
        return new Entry(new Device(rs.getLong("id"), DeviceProfile.valueOf(rs.getString("profile")),
                rs.getString("code"), rs.getString("name"), rs.getLong("unit_id"), attrs, rs.getBoolean("demo")),
                rs.getString("credential_hash"));
    }

    private String write(Map<String, String> attrs) {
        try {
            return json.writeValueAsString(attrs);
        } catch (Exception ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    static String hash(String credential) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String s = HexFormat.of().formatHex(salt);
        return "sha256$" + s + "$" + HexFormat.of().formatHex(digest(s, credential));
    }

    static boolean matches(String credential, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 3 || !"sha256".equals(parts[0])) {
            return false;
        }
        return MessageDigest.isEqual(digest(parts[1], credential), HexFormat.of().parseHex(parts[2]));
    }

    private static byte[] digest(String salt, String credential) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt.getBytes(StandardCharsets.UTF_8));
            return md.digest(credential.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
