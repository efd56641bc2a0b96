package org.qualitycity.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QcIntegrationTest
class AuthenticationTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String newUser(TestApi api, String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 6);
        var r = api.post("/api/v1/users", Map.of("username", username, "displayName", "测试用户", "unitCode", "421222",
                "password", "Start#2026x", "roles", List.of("DISTRICT_OFFICER")), api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    private TestApi.Response login(TestApi api, String username, String password) {
        return api.post("/api/v1/auth/token", Map.of("username", username, "password", password), null);
    }

    @Test
    void noTokenIs401WithAProblemBody() {
        var r = new TestApi(port).get("/api/v1/me", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void unknownTokenIs401() {
        assertThat(new TestApi(port).get("/api/v1/me", "qc_not-a-real-token").status()).isEqualTo(401);
    }

    @Test
    void missingPermissionIs403() {
        TestApi api = new TestApi(port);
        // a district officer may not read the audit trail; the auditor may read but not write
        var audit = api.get("/api/v1/audit", api.token("tongcheng"));
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.json().get("status").asInt()).isEqualTo(403);
        var write = api.post("/api/v1/units", Map.of("code", "X1", "nameZh", "x", "nameEn", "x", "kind", "SUBUNIT",
                "parentCode", "421200"), api.token("auditor"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", api.token("auditor")).status()).isEqualTo(200);
    }

    @Test
    void meReportsUnitPermissionsAndScope() {
        TestApi api = new TestApi(port);
        var me = api.get("/api/v1/me", api.token("tongcheng")).json();
        assertThat(me.get("username").asText()).isEqualTo("tongcheng");
        assertThat(me.get("unit").get("code").asText()).isEqualTo("421222");
        assertThat(me.get("dataScope").asText()).isEqualTo("UNIT_AND_BELOW");
        assertThat(me.get("permissions").toString()).contains("platform:unit:view").doesNotContain("platform:audit:view");
        var auditor = api.get("/api/v1/me", api.token("auditor")).json();
        assertThat(auditor.get("permissions").toString()).contains("platform:audit:view").doesNotContain(":edit");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountFor15MinutesOnBothLoginPaths() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "lock");
        for (int i = 0; i < 4; i++) {
            assertThat(login(api, username, "Wrong#pass1").json().get("type").asText()).endsWith("bad-credentials");
        }
        assertThat(login(api, username, "Start#2026x").status()).as("4 failures do not lock").isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            login(api, username, "Wrong#pass1");
        }
        var locked = login(api, username, "Start#2026x");
        assertThat(locked.status()).isEqualTo(401);
        // the same answer as a wrong password or an unknown name (finding 8): a lock tells nobody the account exists
        assertThat(locked.json().get("type").asText()).endsWith("bad-credentials");
        // the page login is locked too
        var page = new WebSession(port).login(username, "Start#2026x");
        assertThat(page.location()).contains("/login?error");

        clock.advance(Duration.ofMinutes(14));
        assertThat(login(api, username, "Start#2026x").status()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(2));
        assertThat(login(api, username, "Start#2026x").status()).isEqualTo(200);

        List<String> reasons = jdbc.sql("SELECT coalesce(reason, 'OK') FROM platform_login_log WHERE username = :u ORDER BY id")
                .param("u", username).query(String.class).list();
        assertThat(reasons).contains("BAD_CREDENTIALS", "LOCKED_NOW", "LOCKED", "OK");
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "rev");
        String token = login(api, username, "Start#2026x").json().get("token").asText();
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/auth/token", token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
    }

    @Test
    void deactivatingAUserRevokesItsTokens() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "deact");
        String token = login(api, username, "Start#2026x").json().get("token").asText();
        long id = api.get("/api/v1/me", token).json().get("id").asLong();
        var r = api.put("/api/v1/users/" + id, Map.of("displayName", "停用的", "unitCode", "421222", "active", false,
                "roles", List.of("DISTRICT_OFFICER")), api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(login(api, username, "Start#2026x").status()).isEqualTo(401);
    }

    @Test
    void passwordsAreStoredHashedAndThePolicyIsEnforced() {
        TestApi api = new TestApi(port);
        String username = newUser(api, "hash");
        String hash = jdbc.sql("SELECT password_hash FROM platform_user WHERE username = :u").param("u", username)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("Start#2026x");
        var weak = api.post("/api/v1/users", Map.of("username", "weak" + UUID.randomUUID().toString().substring(0, 5),
                "displayName", "弱", "unitCode", "421222", "password", "password", "roles", List.of()), api.token("admin"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
    }

    @Test
    void aDistrictOfficerCannotGrantARoleBroaderThanItsOwn() {
        TestApi api = new TestApi(port);
        var r = api.post("/api/v1/users", Map.of("username", "esc" + UUID.randomUUID().toString().substring(0, 5),
                "displayName", "提权", "unitCode", "421222", "password", "Start#2026x", "roles", List.of("CITY_ADMIN")),
                api.token("tongcheng"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("roles");
    }

    @Test
    void formsWithoutCsrfTokenAreRejected() {
        WebSession s = WebSession.loggedIn(port, "admin");
        var forged = s.postFormWithoutCsrf("/units/421222", Map.of("nameZh", "被篡改", "nameEn", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(new TestApi(port).get("/api/v1/units/421222", new TestApi(port).token("admin")).json()
                .get("nameZh").asText()).isEqualTo("通城县");
    }
}
