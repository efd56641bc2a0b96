package org.qualitycity.platform.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qualitycity.QualityCityApplication;
import org.qualitycity.platform.PersonalData;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 等保 2.0 / issue 9: backup → wipe → restore gives the same row counts and checksums (the restore runs
 * as the documented command, {@code restore DIR}, in a child JVM without the web server); a damaged
 * backup or a non-empty target is refused; {@code rotate-key} re-wraps the data keys under a new master key.
 */
@QcIntegrationTest
class BackupRestoreTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PersonalData personalData;
    @Value("${qc.data-dir}")
    String dataDir;

    /** Content checksums of records that no background work changes. */
    private static final Map<String, String> STABLE = Map.of(
            "demo complaints", "SELECT md5(string_agg(CAST(c AS text), '|' ORDER BY c.id)) FROM complaint_case c WHERE c.demo",
            "units", "SELECT md5(string_agg(CAST(u AS text), '|' ORDER BY u.id)) FROM platform_unit u",
            "data keys", "SELECT md5(string_agg(CAST(k AS text), '|' ORDER BY k.id)) FROM platform_data_key k",
            "demo enterprises", "SELECT md5(string_agg(CAST(e AS text), '|' ORDER BY e.id)) FROM enterprise e WHERE e.demo");

    @Test
    void backupWipeRestoreGivesEqualRowCountsAndChecksums(@TempDir Path tmp) throws Exception {
        Path source = Path.of(dataDir).toAbsolutePath();
        Path backup = tmp.resolve("backup");
        Path restored = tmp.resolve("restored");
        Map<String, String> checksumsBefore = checksums(jdbc);
        Map<String, String> filesBefore = files(source);
        assertThat(filesBefore).containsKey("keys/master.key");

        Map<String, Long> dumped = new BackupRestore(quiet()).backup(source, null, null, null, backup);
        assertThat(dumped).containsKeys("public.complaint_case", "public.platform_audit", "public.event_publication");
        assertThat(dumped.get("public.complaint_case")).isGreaterThan(1000);
        assertThat(backup.resolve("manifest.sha256")).exists();
        assertThat(backup.resolve("data/keys/master.key")).exists();
        // the backup's manifest is in sha256sum format
        String manifest = Files.readString(backup.resolve("manifest.sha256"));
        assertThat(manifest).contains("  backup.properties\n").contains("  db/public.complaint_case.copy.gz\n");
        assertThat(manifest.lines()).allMatch(l -> l.matches("[0-9a-f]{64}  \\S.*"));

        // restore as the operator does: the jar's main class with the command, in a JVM of its own
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), QualityCityApplication.class.getName(),
                "restore", backup.toString(), "--data-dir=" + restored)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "restore-child.log").toFile()).start();
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(Path.of("target", "restore-child.log"))).isEqualTo(0);
        assertThat(Files.readString(Path.of("target", "restore-child.log"))).contains("row counts verified");

        try (Connection c = DriverManager.getConnection(EmbeddedPostgresDataSource.jdbcUrl(restored))) {
            Map<String, Long> counts = new TreeMap<>();
            for (String t : BackupRestore.tables(c)) {
                counts.put(t, BackupRestore.count(c, t));
            }
            assertThat(counts).isEqualTo(new TreeMap<>(dumped));
            JdbcClient restoredJdbc = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
            assertThat(checksums(restoredJdbc)).isEqualTo(checksumsBefore);
            // the restored key file opens the restored data keys and decrypts the restored values
            KeyRing ring = KeyRing.open(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true),
                    restored, null, false);
            String stored = restoredJdbc.sql("SELECT person_phone FROM complaint_case WHERE person_phone IS NOT NULL "
                    + "ORDER BY id LIMIT 1").query(String.class).single();
            assertThat(PersonalDataCipher.of(ring).decrypt(stored)).isEqualTo(personalData.decrypt(stored));
        } finally {
            EmbeddedPostgresDataSource.stop(restored);
        }
        Map<String, String> filesAfter = files(restored);
        assertThat(filesAfter).isEqualTo(filesBefore);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(MasterKey.keyFile(restored))))
                .isEqualTo("rw-------");

        // a non-empty target is refused, before anything is written
        assertThatThrownBy(() -> new BackupRestore(quiet()).restore(backup, restored, null, null, null))
                .hasMessageContaining("not empty");
        // a damaged backup is refused
        Path table = backup.resolve("db/public.platform_unit.copy.gz");
        byte[] bytes = Files.readAllBytes(table);
        bytes[bytes.length / 2] ^= 1;
        Files.write(table, bytes);
        assertThatThrownBy(() -> new BackupRestore(quiet()).restore(backup, tmp.resolve("other"), null, null, null))
                .hasMessageContaining("checksum mismatch: db/public.platform_unit.copy.gz");
        assertThat(tmp.resolve("other")).doesNotExist();
    }

    @Test
    void rotateKeyRewrapsTheDataKeysUnderANewMasterKey() throws Exception {
        Path dir = Path.of(dataDir);
        MasterKey old = MasterKey.load(dir, null, false);
        String stored = jdbc.sql("SELECT person_phone FROM complaint_case WHERE person_phone IS NOT NULL ORDER BY id LIMIT 1")
                .query(String.class).single();
        String plain = personalData.decrypt(stored);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String newId = new KeyRotation(new PrintStream(out, true, StandardCharsets.UTF_8))
                .rotate(dir, null, null, null, null, null);

        MasterKey now = MasterKey.load(dir, null, false);
        assertThat(now.id()).isEqualTo(newId).isNotEqualTo(old.id());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Re-wrapped 2 data keys").doesNotContain(now.encoded());
        assertThat(jdbc.sql("SELECT DISTINCT master_key_id FROM platform_data_key").query(String.class).list())
                .containsExactly(now.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(MasterKey.keyFile(dir))))
                .isEqualTo("rw-------");
        // values and hashes stay valid; the old master key no longer opens the data keys
        assertThat(PersonalDataCipher.of(KeyRing.open(dataSource, dir, null, false)).decrypt(stored)).isEqualTo(plain);
        assertThat(personalData.decrypt(stored)).isEqualTo(plain);
        assertThatThrownBy(() -> KeyRing.open(dataSource, dir, old.encoded(), false))
                .hasMessageContaining("is not the one that wrapped");
    }

    private static Map<String, String> checksums(JdbcClient j) {
        Map<String, String> m = new TreeMap<>();
        STABLE.forEach((k, sql) -> m.put(k, j.sql(sql).query(String.class).single()));
        return m;
    }

    /** SHA-256 of every file of a data directory except the database and the lock file. */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith("pgdata") && !rel.equals("qualitycity.lock")) {
                    m.put(rel, BackupRestore.sha256(p));
                }
            }
        }
        return m;
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
