package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.internal.AuditMaintenance;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QcIntegrationTest
class AuditTrailTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AuditLog audit;
    @Autowired
    AuditMaintenance maintenance;

    private JsonNode entries(TestApi api, String entityType, String entityId) {
        var r = api.get("/api/v1/audit?size=200&entityType=" + entityType + "&entityId=" + entityId,
                api.token("auditor"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("items");
    }

    private static List<String> actions(JsonNode items) {
        return items.findValuesAsString("action");
    }

    @Test
    void everyWriteOfThePlatformIsRecordedWithBeforeAndAfter() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = "A" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        api.post("/api/v1/units", Map.of("code", code, "nameZh", "审计科", "nameEn", "Audit section", "kind",
                "SUBUNIT", "parentCode", "421221"), admin);
        api.put("/api/v1/units/" + code, Map.of("nameZh", "审计一科", "nameEn", "Audit section 1"), admin);
        api.post("/api/v1/units/" + code + "/move", Map.of("parentCode", "421223"), admin);
        api.post("/api/v1/units/" + code + "/deactivate", null, admin);
        api.post("/api/v1/units/" + code + "/activate", null, admin);

        JsonNode unitEntries = entries(api, "unit", code);
        assertThat(actions(unitEntries)).containsExactlyInAnyOrder("CREATE", "UPDATE", "MOVE", "DEACTIVATE", "ACTIVATE");
        JsonNode update = find(unitEntries, "UPDATE");
        assertThat(update.get("actor").asText()).isEqualTo("admin");
        assertThat(update.get("ip").asText()).isNotBlank();
        assertThat(update.get("before").asText()).contains("审计科");
        assertThat(update.get("after").asText()).contains("审计一科");
        assertThat(find(unitEntries, "MOVE").get("after").asText()).contains("421223");

        String username = "aud" + UUID.randomUUID().toString().substring(0, 6);
        var user = api.post("/api/v1/users", Map.of("username", username, "displayName", "审计对象", "unitCode", code,
                "password", "Start#2026x", "roles", List.of("DEPT_OFFICER")), admin).json();
        long id = user.get("id").asLong();
        api.put("/api/v1/users/" + id, Map.of("displayName", "审计对象改", "unitCode", code, "active", true,
                "roles", List.of("DEPT_OFFICER")), admin);
        api.post("/api/v1/users/" + id + "/password", Map.of("password", "Other#2026y"), admin);
        api.post("/api/v1/users/" + id + "/unlock", null, admin);

        JsonNode userEntries = entries(api, "user", String.valueOf(id));
        assertThat(actions(userEntries)).contains("CREATE", "UPDATE", "RESET_PASSWORD", "UNLOCK");
        JsonNode userUpdate = find(userEntries, "UPDATE");
        assertThat(userUpdate.get("before").asText()).contains("审计对象");
        assertThat(userUpdate.get("after").asText()).contains("审计对象改");
        // no password material in the trail
        assertThat(userEntries.toString()).doesNotContain("Start#2026x").doesNotContain("Other#2026y")
                .doesNotContain("bcrypt");

        // roles
        var role = api.post("/api/v1/roles", Map.of("code", "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase()
                .replace('-', '_'), "nameZh", "测试角色", "nameEn", "Test role", "dataScope", "UNIT",
                "permissions", List.of("platform:unit:view")), api.token("secadmin"));
        assertThat(role.status()).as(role.body()).isEqualTo(201);
        long roleId = role.json().get("id").asLong();
        api.put("/api/v1/roles/" + roleId, Map.of("code", role.json().get("code").asText(), "nameZh", "测试角色2",
                "nameEn", "Test role 2", "dataScope", "UNIT", "permissions", List.of("platform:*")), api.token("secadmin"));
        assertThat(actions(entries(api, "role", String.valueOf(roleId)))).containsExactlyInAnyOrder("CREATE", "UPDATE");

        // logins and tokens
        String token = api.post("/api/v1/auth/token", Map.of("username", username, "password", "Other#2026y"), null)
                .json().get("token").asText();
        api.delete("/api/v1/auth/token", token);
        var logins = api.get("/api/v1/audit?size=50&entityType=login&entityId=" + id, api.token("auditor")).json();
        assertThat(actions(logins.get("items"))).contains("LOGIN");
        var tokens = api.get("/api/v1/audit?size=50&entityType=api-token&user=" + username, api.token("auditor")).json();
        assertThat(actions(tokens.get("items"))).contains("ISSUE", "REVOKE");
    }

    @Test
    void permissionFailuresAreRecorded() {
        TestApi api = new TestApi(port);
        assertThat(api.get("/api/v1/audit/verify", api.token("tongcheng")).status()).isEqualTo(403);
        var denied = api.get("/api/v1/audit?user=tongcheng&action=ACCESS_DENIED&size=50", api.token("auditor")).json();
        assertThat(denied.get("items").toString()).contains("/api/v1/audit/verify");
    }

    @Test
    void searchFiltersByUserModuleAndDateAndExportsToExcel() throws Exception {
        TestApi api = new TestApi(port);
        var byUser = api.get("/api/v1/audit?user=admin&module=platform&size=5", api.token("auditadmin")).json();
        assertThat(byUser.get("total").asLong()).isPositive();
        byUser.get("items").forEach(e -> assertThat(e.get("actor").asText()).isEqualTo("admin"));
        var none = api.get("/api/v1/audit?from=2000-01-01&to=2000-01-02", api.token("auditadmin")).json();
        assertThat(none.get("total").asLong()).isZero();

        byte[] xlsx = api.getBytes("/api/v1/audit/export?user=admin", api.token("auditadmin"));
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            // headers in the reader's language (Chinese by default), never "中文 / English" glued together
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("用户");
            assertThat(sheet.getLastRowNum()).isGreaterThan(0);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("admin");
        }
    }

    @Test
    void theTrailIsAppendOnlyAndTheHashChainDetectsAnEntryChangedInTheDatabase() {
        TestApi api = new TestApi(port);
        String auditor = api.token("auditor");
        // make sure there is something to tamper with
        api.put("/api/v1/units/421224", Map.of("nameZh", "通山县", "nameEn", "Tongshan County"), api.token("admin"));
        var before = api.get("/api/v1/audit/verify", auditor).json();
        assertThat(before.get("intact").asBoolean()).as(before.toString()).isTrue();
        assertThat(before.get("checked").asLong()).isPositive();

        long victim = jdbc.sql("SELECT max(id) FROM platform_audit WHERE entity_type = 'unit'").query(Long.class).single();
        // the application's own path refuses changes
        assertThatThrownBy(() -> jdbc.sql("UPDATE platform_audit SET action = 'X' WHERE id = :id").param("id", victim)
                .update()).hasMessageContaining("append-only");

        String original = jdbc.sql("SELECT after_data::text FROM platform_audit WHERE id = :id").param("id", victim)
                .query(String.class).single();
        try {
            // a database superuser bypasses the trigger and edits the entry
            tamper(victim, "{\"nameZh\": \"伪造\"}");
            var after = api.get("/api/v1/audit/verify", auditor).json();
            assertThat(after.get("intact").asBoolean()).isFalse();
            assertThat(after.get("brokenIds").get(0).asLong()).isEqualTo(victim);
        } finally {
            tamper(victim, original);
        }
        assertThat(api.get("/api/v1/audit/verify", auditor).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aDeletedEntryBreaksTheLinkOfTheNextOne() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        api.put("/api/v1/units/421223", Map.of("nameZh", "崇阳县", "nameEn", "Chongyang County"), admin);
        api.put("/api/v1/units/421223", Map.of("nameZh", "崇阳县", "nameEn", "Chongyang County"), admin);
        verifier.verify(); // seals what is committed
        long lastId = jdbc.sql("SELECT max(id) FROM platform_audit WHERE entity_type = 'unit' AND entity_id = '421223'")
                .query(Long.class).single();
        long lastSeq = jdbc.sql("SELECT seq FROM platform_audit WHERE id = :id").param("id", lastId)
                .query(Long.class).single();
        var row = jdbc.sql("SELECT * FROM platform_audit WHERE seq = :seq").param("seq", lastSeq - 1).query().singleRow();
        long previous = ((Number) row.get("id")).longValue();
        tx.executeWithoutResult(s -> {
            jdbc.sql("ALTER TABLE platform_audit DISABLE TRIGGER platform_audit_no_change").update();
            jdbc.sql("DELETE FROM platform_audit WHERE id = :id").param("id", previous).update();
            jdbc.sql("ALTER TABLE platform_audit ENABLE TRIGGER platform_audit_no_change").update();
        });
        try {
            var v = api.get("/api/v1/audit/verify", api.token("auditor")).json();
            assertThat(v.get("intact").asBoolean()).isFalse();
            assertThat(v.get("brokenIds").get(0).asLong()).isEqualTo(lastId);
        } finally {
            tx.executeWithoutResult(s -> {
                jdbc.sql("ALTER TABLE platform_audit DISABLE TRIGGER platform_audit_no_change").update();
                jdbc.sql("""
                        INSERT INTO platform_audit (id, at, actor_id, actor_name, actor_unit_id, ip, module, entity_type,
                            entity_id, unit_id, action, before_data, after_data, prev_hash, hash, seq)
                        VALUES (:id, :at, :actor_id, :actor_name, :actor_unit_id, :ip, :module, :entity_type, :entity_id,
                            :unit_id, :action, CAST(:before AS jsonb), CAST(:after AS jsonb), :prev_hash, :hash, :seq)
                        """).params(row).param("before", str(row.get("before_data"))).param("after", str(row.get("after_data")))
                        .update();
                jdbc.sql("ALTER TABLE platform_audit ENABLE TRIGGER platform_audit_no_change").update();
            });
        }
        assertThat(api.get("/api/v1/audit/verify", api.token("auditor")).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void writersAppendUnsealedEntriesThatTheSealerChainsAndVerificationReportsTheTail() {
        // an entry appended and not yet sealed (inside its own transaction, before the sealer can see it): the
        // database refuses to edit it, and refuses a forged seal (wrong hash)
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.event("platform", "TEST_UNSEALED", Map.of("n", 1));
            jdbc.sql("UPDATE platform_audit SET action = 'X' WHERE action = 'TEST_UNSEALED' AND seq IS NULL").update();
        })).hasMessageContaining("append-only");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.event("platform", "TEST_UNSEALED", Map.of("n", 1));
            assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE action = 'TEST_UNSEALED' AND seq IS NULL "
                    + "AND hash IS NULL").query(Long.class).single()).isEqualTo(1);
            jdbc.sql("""
                    UPDATE platform_audit SET seq = -id, prev_hash = repeat('0', 64), hash = repeat('1', 64)
                    WHERE action = 'TEST_UNSEALED' AND seq IS NULL""").update();
        })).hasMessageContaining("append-only");
        audit.event("platform", "TEST_UNSEALED", Map.of("n", 1));

        // entries committed by many writers at once are all chained, in one order, without gaps
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> audit.event("platform", "TEST_CONCURRENT", Map.of("n", n))));
            }
            for (var f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE action IN ('TEST_CONCURRENT', 'TEST_UNSEALED') "
                + "AND seq IS NOT NULL").query(Long.class).single()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT max(seq) - min(seq) + 1 = count(*) FROM platform_audit").query(Boolean.class).single())
                .isTrue();
        assertThat(v.headSeq()).isNotNull();
        assertThat(v.checked()).isGreaterThanOrEqualTo(201);
    }

    @Test
    void cuttingOffTheNewestEntriesIsDetectedByTheHeadRecordedByTheDailyVerification() {
        TestApi api = new TestApi(port);
        api.put("/api/v1/units/421224", Map.of("nameZh", "通山县", "nameEn", "Tongshan County"), api.token("admin"));
        AuditMaintenance.Report report = maintenance.run();
        assertThat(report.verification().intact()).as(report.verification().toString()).isTrue();
        assertThat(report.archives()).isEmpty(); // nothing is older than the retention period
        long head = report.verification().headSeq();
        assertThat(jdbc.sql("SELECT hash FROM platform_audit_head WHERE seq = :seq").param("seq", head)
                .query(String.class).list()).contains(report.verification().headHash());

        // a superuser cuts off the newest entries (no link inside the remaining chain breaks); the change is
        // rolled back afterwards
        tx.executeWithoutResult(s -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql("DELETE FROM platform_audit WHERE seq >= :seq").param("seq", head - 2).update();
            AuditVerifier.Verification v = verifier.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.missingHeads()).contains(head);
            s.setRollbackOnly();
        });
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void anEntryAppendedByTheChangesOwnStatementIsRecordedLikeAnyOtherAndChained() {
        // issue 13: a change and its entry in one statement, outside any transaction (the public complaint intake)
        String marker = "with-" + UUID.randomUUID();
        AuditLog.Entry entry = audit.entryFor("c", "id", "platform", "test-row", 7L, "TEST_WITH_STATEMENT",
                Map.of("marker", marker));
        long id = jdbc.sql("WITH c AS (SELECT CAST(4711 AS bigint) AS id), a AS (" + entry.sql() + ") SELECT id FROM c")
                .params(entry.params()).query(Long.class).single();
        audit.appended();
        assertThat(id).isEqualTo(4711);
        var row = jdbc.sql("""
                        SELECT actor_id, actor_name, module, entity_type, entity_id, unit_id, before_data, after_data
                        FROM platform_audit WHERE action = 'TEST_WITH_STATEMENT' AND after_data ->> 'marker' = :m""")
                .param("m", marker).query().singleRow();
        assertThat(row.get("actor_id")).isNull();
        assertThat(row.get("actor_name")).isEqualTo("system");
        assertThat(row.get("module")).isEqualTo("platform");
        assertThat(row.get("entity_type")).isEqualTo("test-row");
        assertThat(row.get("entity_id")).isEqualTo("4711");
        assertThat(row.get("unit_id")).isEqualTo(7L);
        assertThat(row.get("before_data")).isNull();

        // a statement that creates no row appends no entry; a rolled-back transaction keeps neither
        AuditLog.Entry none = audit.entryFor("c", "id", "platform", "test-row", null, "TEST_WITH_STATEMENT",
                Map.of("marker", marker + "-none"));
        jdbc.sql("WITH c AS (SELECT CAST(1 AS bigint) AS id WHERE false), a AS (" + none.sql() + ") SELECT count(*) FROM c")
                .params(none.params()).query(Long.class).single();
        AuditLog.Entry rolledBack = audit.entryFor("c", "id", "platform", "test-row", null, "TEST_WITH_STATEMENT",
                Map.of("marker", marker + "-rolled-back"));
        tx.executeWithoutResult(s -> {
            jdbc.sql("WITH c AS (SELECT CAST(2 AS bigint) AS id), a AS (" + rolledBack.sql() + ") SELECT id FROM c")
                    .params(rolledBack.params()).query(Long.class).single();
            audit.appended();
            s.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE action = 'TEST_WITH_STATEMENT'")
                .query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> audit.entryFor("c; DELETE FROM platform_audit", "id", "platform", "x", null, "X", null))
                .isInstanceOf(IllegalArgumentException.class);

        // sealed into the chain like every other entry
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(jdbc.sql("SELECT seq IS NOT NULL FROM platform_audit WHERE action = 'TEST_WITH_STATEMENT'")
                .query(Boolean.class).single()).isTrue();
    }

    private static String str(Object pgObject) {
        return pgObject == null ? null : pgObject.toString();
    }

    private void tamper(long id, String afterJson) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("ALTER TABLE platform_audit DISABLE TRIGGER platform_audit_no_change").update();
            jdbc.sql("UPDATE platform_audit SET after_data = CAST(:after AS jsonb) WHERE id = :id")
                    .param("after", afterJson).param("id", id).update();
            jdbc.sql("ALTER TABLE platform_audit ENABLE TRIGGER platform_audit_no_change").update();
        });
    }

    private static JsonNode find(JsonNode items, String action) {
        for (JsonNode e : items) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + items);
    }
}
