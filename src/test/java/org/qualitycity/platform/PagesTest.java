package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page renders for its users, in Chinese and in English, with no missing message keys. */
@QcIntegrationTest
class PagesTest {

    @LocalServerPort
    int port;

    /** The administration pages by the administrator whose they are (三权分立). */
    private static final java.util.Map<String, List<String>> ADMIN_PAGES = java.util.Map.of(
            "admin", List.of("/", "/units", "/units/421222", "/units/new", "/users", "/users/new", "/roles", "/roles/1",
                    "/me", "/me/sessions", "/me/two-factor"),
            "sysadmin", List.of("/", "/units", "/users", "/users/new", "/roles"),
            "secadmin", List.of("/", "/roles", "/roles/1", "/users", "/login-log"),
            "auditadmin", List.of("/", "/audit", "/login-log", "/me"));

    @Test
    void adminPagesRenderInChineseAndEnglishWithoutMissingKeys() {
        ADMIN_PAGES.forEach(this::pagesRender);
    }

    private void pagesRender(String user, List<String> pages) {
        WebSession s = WebSession.loggedIn(port, user);
        for (String path : pages) {
            var zh = s.get(path + (path.contains("?") ? "&" : "?") + "lang=zh-CN");
            assertThat(zh.status()).as(path).isEqualTo(200);
            assertThat(zh.body()).as(path).doesNotContain("??").contains("质量强市工作平台").contains("演示数据");
            var en = s.get(path + (path.contains("?") ? "&" : "?") + "lang=en");
            assertThat(en.status()).as(path).isEqualTo(200);
            assertThat(en.body()).as(path).doesNotContain("??").contains("Quality City Platform").contains("Demo data");
        }
        s.get("/?lang=zh-CN");
    }

    /** An audit entry's before/after JSON scrolls inside its cell, so a keyboard user must be able to reach it (axe:
     *  scrollable-region-focusable); each box is focusable, whatever entries the first page shows. */
    @Test
    void auditJsonBoxesAreReachableByKeyboard() {
        String body = WebSession.loggedIn(port, "auditadmin").get("/audit?lang=en").body();
        assertThat(body).contains("<pre class=\"qc-json\"");
        var boxes = java.util.regex.Pattern.compile("<pre class=\"qc-json\"[^>]*>").matcher(body).results()
                .map(java.util.regex.MatchResult::group).toList();
        assertThat(boxes).isNotEmpty().allSatisfy(tag -> assertThat(tag).contains("tabindex=\"0\""));
    }

    @Test
    void errorPagesAreFriendlyAndTranslated() {
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        var missing = s.get("/units/NO-SUCH-UNIT?lang=zh-CN");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("页面不存在").contains("质量强市工作平台").doesNotContain("Exception");
        var denied = s.get("/audit?lang=en");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("Access denied").doesNotContain("??");
        s.get("/?lang=zh-CN");
    }

    @Test
    void navigationShowsOnlyWhatTheUserMayUse() {
        // 三权分立: the audit trail is the audit administrator's, role editing the security administrator's
        String admin = WebSession.loggedIn(port, "admin").get("/?lang=zh-CN").body();
        assertThat(admin).contains("href=\"/units\"").doesNotContain("href=\"/audit\"");
        assertThat(WebSession.loggedIn(port, "auditadmin").get("/?lang=zh-CN").body()).contains("href=\"/audit\"")
                .doesNotContain("href=\"/units\"");
        assertThat(WebSession.loggedIn(port, "secadmin").get("/?lang=zh-CN").body()).contains("href=\"/roles\"")
                .doesNotContain("href=\"/audit\"");
        String district = WebSession.loggedIn(port, "tongcheng").get("/?lang=zh-CN").body();
        assertThat(district).contains("href=\"/units\"").doesNotContain("href=\"/audit\"").doesNotContain("href=\"/roles\"");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        var r = new WebSession(port).get("/units");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).endsWith("/login");
        assertThat(new WebSession(port).get("/login").body()).contains("name=\"username\"").contains("_csrf");
    }

    @Test
    void aPageFormReportsTheFieldInErrorAndKeepsTheInput() {
        WebSession s = WebSession.loggedIn(port, "admin");
        s.get("/users/new");
        var r = s.postForm("/users", Map.of("username", "Bad Name!", "displayName", "张三", "unitCode", "421222",
                "password", "short"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("invalid-feedback").contains("张三");
    }

    @Test
    void aUserCreatedThroughThePageCanLogIn() {
        WebSession s = WebSession.loggedIn(port, "admin");
        s.get("/users/new");
        String username = "page" + UUID.randomUUID().toString().substring(0, 6);
        var r = s.postForm("/users", Map.of("username", username, "displayName", "页面用户", "unitCode", "421222",
                "password", "Start#2026x", "roles", List.of("DISTRICT_OFFICER")));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).contains("/users/");
        assertThat(new TestApi(port).post("/api/v1/auth/token", Map.of("username", username, "password", "Start#2026x"),
                null).status()).isEqualTo(200);
    }

    @Test
    void healthIsUpAndMetricsNeedTheMonitorPermission() {
        TestApi api = new TestApi(port);
        var health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        var ready = api.get("/actuator/health/readiness", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", api.token("tongcheng")).status()).isEqualTo(403);
        var prom = api.send("GET", "/actuator/prometheus", null, api.token("admin"), null);
        assertThat(prom.status()).isEqualTo(200);
        assertThat(prom.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void openApiDescribesTheApi() {
        var r = new TestApi(port).get("/v3/api-docs", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("/api/v1/auth/token").contains("/api/v1/units").contains("/api/v1/audit/verify");
    }
}
