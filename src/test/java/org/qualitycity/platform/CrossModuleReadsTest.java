package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.files.FilesFixtures;
import org.qualitycity.jobs.Jobs;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's read APIs that replaced other modules' reads of its tables (SqlTableBoundaryTest): the user
 * directory (creators' names of jobs and attachments, assessment objections, inbox recipients) and the audit
 * history (the indicator drill-down), and what the modules show through them.
 */
@QcIntegrationTest
class CrossModuleReadsTest {

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    AuditHistory history;
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jobs jobs;

    private String displayName(String username) {
        return jdbc.sql("SELECT display_name FROM platform_user WHERE username = :u").param("u", username)
                .query(String.class).single();
    }

    @Test
    void theUserDirectoryAnswersNamesAndLookUps() {
        long chibi = users.idByUsername("chibi").orElseThrow();
        long admin = users.idByUsername("admin").orElseThrow();
        assertThat(users.displayNames(List.of(chibi, admin, -5L, chibi)))
                .isEqualTo(Map.of(chibi, displayName("chibi"), admin, displayName("admin")));
        assertThat(users.displayNames(List.of())).isEmpty();
        assertThat(users.exists(chibi)).isTrue();
        assertThat(users.exists(-5L)).isFalse();
        UserDirectory.ActiveUser active = users.activeByUsername(" CHIBI ").orElseThrow();
        assertThat(active.id()).isEqualTo(chibi);
        assertThat(active.unitId()).isEqualTo(jdbc.sql("SELECT unit_id FROM platform_user WHERE id = :id")
                .param("id", chibi).query(Long.class).single());
        assertThat(users.activeByUsername("no-such-user")).isEmpty();
    }

    @Test
    void theAuditHistoryAnswersAModulesRecordsNewestFirst() {
        String key = "X" + UUID.randomUUID().toString().substring(0, 8) + "|421222|2019";
        tx.executeWithoutResult(s -> {
            audit.record("indicator", "value", key, null, "SUBMIT", null, Map.of("value", 1));
            audit.record("indicator", "value", key, null, "RETURN", null, Map.of("comment", "请核对来源"));
            audit.record("task", "value", key, null, "OTHER", null, Map.of("comment", "another module's"));
        });
        List<AuditHistory.Entry> entries = history.history("indicator", "value", Set.of(key, "unknown"), "comment", 10);
        assertThat(entries).extracting(AuditHistory.Entry::action).containsExactly("RETURN", "SUBMIT");
        assertThat(entries).extracting(AuditHistory.Entry::afterValue).containsExactly("请核对来源", null);
        assertThat(entries).extracting(AuditHistory.Entry::entityId).containsOnly(key);
        assertThat(history.history("indicator", "value", Set.of(key), "comment", 1)).hasSize(1);
        assertThat(history.history("indicator", "value", Set.of(), "comment", 10)).isEmpty();
    }

    @Test
    void jobsAndAttachmentsShowTheirCreatorsNames() {
        TestApi api = new TestApi(port);
        long unit = FilesFixtures.unitId(api, "421281");
        long file = FilesFixtures.uploadPdf(api, "chibi", unit, "boundaries.pdf");
        assertThat(api.get("/api/v1/files/" + file, api.token("chibi")).json().get("createdByName").asText())
                .isEqualTo(displayName("chibi"));
        JsonNode files = api.get("/api/v1/files?ownerType=unit&ownerId=" + unit, api.token("chibi")).json();
        boolean found = false;
        for (JsonNode f : files.isArray() ? files : files.get("items")) {
            if (f.get("id").asLong() == file) {
                found = true;
                assertThat(f.get("createdByName").asText()).isEqualTo(displayName("chibi"));
            }
        }
        assertThat(found).isTrue();

        CurrentUser chibi = jdbc.sql("""
                        SELECT u.id, u.username, u.display_name, u.unit_id, un.code, un.name_zh, un.path
                        FROM platform_user u JOIN platform_unit un ON un.id = u.unit_id WHERE u.username = 'chibi'
                        """)
                .query((rs, n) -> new CurrentUser(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getLong("unit_id"), rs.getString("code"),
                        rs.getString("name_zh"), rs.getString("path"), DataScope.Kind.UNIT_AND_BELOW, Set.of(), Set.of()))
                .single();
        long job = jobs.submit(org.qualitycity.jobs.TestJobHandlers.FAIL, null, chibi);
        assertThat(api.get("/api/v1/jobs/" + job, api.token("chibi")).json().get("createdByName").asText())
                .isEqualTo(displayName("chibi"));
        boolean listed = false;
        for (JsonNode j : api.get("/api/v1/jobs?size=200", api.token("chibi")).json().get("items")) {
            if (j.get("id").asLong() == job) {
                listed = true;
                assertThat(j.get("createdByName").asText()).isEqualTo(displayName("chibi"));
            }
        }
        assertThat(listed).isTrue();
    }
}
