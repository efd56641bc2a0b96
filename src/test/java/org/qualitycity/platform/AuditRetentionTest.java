package org.qualitycity.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.internal.AuditMaintenance;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.TestClockConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention of the audit trail: entries older than the retention period are archived to a file whose
 * SHA-256 is recorded, then deleted; the chain continues across the archive. Its own application and
 * database (no demo data), because archiving removes the oldest entries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {org.qualitycity.QualityCityApplication.class, TestClockConfig.class},
        properties = {"qc.data-dir=${qc.test.data-dir:target/test-data}-audit-retention", "qc.demo=false",
                "qc.audit.retention-days=180", "spring.main.allow-bean-definition-overriding=true"})
class AuditRetentionTest {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditMaintenance maintenance;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void entriesOlderThanTheRetentionPeriodAreArchivedWithTheirHashBeforeDeletionAndTheChainGoesOn() throws Exception {
        for (int i = 0; i < 5; i++) {
            audit.event("platform", "RETENTION_TEST", Map.of("n", i));
        }
        assertThat(verifier.verify().intact()).isTrue();
        long before = count();

        // 179 days later nothing is old enough
        clock.advance(Duration.ofDays(179));
        AuditMaintenance.Report young = maintenance.run();
        assertThat(young.verification().intact()).isTrue();
        assertThat(young.archives()).isEmpty();
        assertThat(count()).isEqualTo(before);

        // an entry not covered by an archive cannot be deleted
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM platform_audit WHERE action = 'RETENTION_TEST'").update())
                .hasMessageContaining("append-only");

        // 181 days later everything so far is archived, then deleted
        clock.advance(Duration.ofDays(2));
        AuditMaintenance.Report old = maintenance.run();
        assertThat(old.archives()).hasSize(1);
        AuditMaintenance.Archive a = old.archives().get(0);
        assertThat(a.rows()).isEqualTo(before);
        assertThat(count()).isZero();
        byte[] file = Files.readAllBytes(a.file());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        assertThat(sha).isEqualTo(a.sha256());
        assertThat(jdbc.sql("SELECT sha256 FROM platform_audit_archive WHERE to_seq = :to").param("to", a.toSeq())
                .query(String.class).single()).isEqualTo(sha);
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(a.file())),
                StandardCharsets.UTF_8))) {
            var lines = in.lines().toList();
            assertThat(lines).hasSize((int) before);
            assertThat(lines).anyMatch(l -> l.contains("RETENTION_TEST") && l.contains("\"hash\""));
        }

        // the chain continues from the archive's last hash
        audit.event("platform", "AFTER_ARCHIVE", Map.of("n", 1));
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.headSeq()).isEqualTo(a.toSeq() + 1);
        assertThat(jdbc.sql("SELECT prev_hash FROM platform_audit WHERE seq = :s").param("s", a.toSeq() + 1)
                .query(String.class).single())
                .isEqualTo(jdbc.sql("SELECT last_hash FROM platform_audit_archive WHERE to_seq = :to")
                        .param("to", a.toSeq()).query(String.class).single());
        // and the remaining entries are still append-only
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM platform_audit WHERE action = 'AFTER_ARCHIVE'").update())
                .hasMessageContaining("append-only");
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM platform_audit").query(Long.class).single();
    }
}
