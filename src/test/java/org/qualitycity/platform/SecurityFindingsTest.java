package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.web.ScriptJson;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9, "found in review": findings 2 (navigation, notices), 3, 4, 9, 10 and 11 over real HTTP. */
@QcIntegrationTest
class SecurityFindingsTest {

    @LocalServerPort
    int port;

    TestApi api() {
        return new TestApi(port);
    }

    // ------------------------------------------------------------------ 2: SELF accounts are not district members

    @Test
    void anEnterpriseAccountSeesNoStaffNavigationAndNoUnitNotices() {
        var qiye = WebSession.loggedIn(port, "qiye").get("/");
        assertThat(qiye.status()).isEqualTo(200);
        assertThat(qiye.body()).doesNotContain("href=\"/files\"").doesNotContain("href=\"/jobs\"")
                .doesNotContain("href=\"/api-docs.html\"");
        var tongcheng = WebSession.loggedIn(port, "tongcheng").get("/");
        assertThat(tongcheng.body()).contains("href=\"/files\"").contains("href=\"/jobs\"");

        TestApi api = api();
        String title = "单位通知-企业不可见-" + System.nanoTime();
        var sent = api.post("/api/v1/notifications", Map.of("unitCode", "421222", "title", title), api.token("admin"));
        assertThat(sent.status()).as(sent.body()).isLessThan(300);
        assertThat(api.get("/api/v1/notifications?size=100", api.token("tongcheng")).body()).contains(title);
        assertThat(api.get("/api/v1/notifications?size=100", api.token("qiye")).body()).doesNotContain(title);
    }

    // ------------------------------------------------------------------ 3: account kinds and enterprise accounts

    @Test
    void districtOfficersDoNotAdministerEnterpriseAccountsAndRolesDoNotCrossAccountKinds() {
        TestApi api = api();
        String admin = api.token("admin");
        String username = "ent-" + (System.nanoTime() % 1_000_000);
        var created = api.post("/api/v1/users", Map.of("username", username, "displayName", "测试企业 质量负责人",
                "unitCode", "421222", "password", "Qc#Test2026", "roles", List.of("ENTERPRISE")), admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String creditCode = api.get("/api/v1/enterprises?unit=421222&size=1", admin).json().get("items").get(0)
                .get("creditCode").asText();
        assertThat(api.post("/api/v1/enterprises/" + creditCode + "/users", Map.of("username", username), admin)
                .status()).isEqualTo(200);

        // the district officer: no password reset, no roles, no unlock for the enterprise's account
        String tc = api.token("tongcheng");
        assertThat(api.post("/api/v1/users/" + id + "/password", Map.of("password", "Qc#Other2026"), tc).status())
                .isEqualTo(403);
        var grant = api.put("/api/v1/users/" + id, Map.of("displayName", "x", "unitCode", "421222", "active", true,
                "roles", List.of("DISTRICT_OFFICER")), tc);
        assertThat(grant.status()).as(grant.body()).isEqualTo(403);
        assertThat(api.post("/api/v1/users/" + id + "/unlock", null, tc).status()).isEqualTo(403);

        // nobody grants a staff role to an enterprise account, nor mixes kinds in a new account
        var cross = api.put("/api/v1/users/" + id, Map.of("displayName", "x", "unitCode", "421222", "active", true,
                "roles", List.of("DISTRICT_OFFICER")), admin);
        assertThat(cross.status()).as(cross.body()).isEqualTo(400);
        assertThat(cross.body()).contains("roles").contains("企业账号").contains("DISTRICT_OFFICER");
        var mixed = api.post("/api/v1/users", Map.of("username", username + "x", "displayName", "混合",
                "unitCode", "421222", "password", "Qc#Test2026", "roles", List.of("ENTERPRISE", "AUDITOR")), admin);
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(400);
        assertThat(api.get("/api/v1/users/" + id, admin).json().get("roles").toString()).isEqualTo("[\"ENTERPRISE\"]");

        // roles state their account kind; the regulator (here the city administrator) administers the account
        var roles = api.get("/api/v1/roles", admin).body();
        assertThat(roles).contains("\"accountKind\":\"ENTERPRISE\"").contains("\"accountKind\":\"STAFF\"");
        assertThat(api.post("/api/v1/users/" + id + "/password", Map.of("password", "Qc#Other2026"), admin).status())
                .isLessThan(300);
    }

    // ------------------------------------------------------------------ 4: data for scripts

    @Test
    void scriptJsonCannotEndTheScriptElementAndNoTemplateWritesDataUnescaped() throws IOException {
        String json = ScriptJson.write(Map.of("name", "</script><meta http-equiv=refresh content=0;url=http://evil.example>&\u2028\u2029"));
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028")
                .doesNotContain("\u2029").contains("\\u003c/script\\u003e");
        assertThat(TestApi.JSON.readTree(json).get("name").asText()).startsWith("</script><meta").endsWith("&\u2028\u2029");

        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String text = Files.readString(f);
                if (text.contains("th:utext") || text.contains("[(${")) {
                    offenders.add(f.toString());
                }
            }
        }
        assertThat(offenders).as("templates writing data unescaped").isEmpty();

        var page = WebSession.loggedIn(port, "admin").get("/indicators/dashboard");
        assertThat(page.status()).isEqualTo(200);
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(page.body());
        assertThat(m.find()).isTrue();
        assertThat(TestApi.JSON.readTree(m.group(1)).isObject()).isTrue();
    }

    // ------------------------------------------------------------------ 9: page numbers

    @Test
    void pageNumbersOutOfRangeAre400NeverA500() {
        TestApi api = api();
        String admin = api.token("admin");
        for (String path : List.of("/api/v1/public/analytics?dx=E2&pe=2025&ou=421222&page=2147483647",
                "/api/v1/analytics?dx=E2&pe=2025&ou=421222&page=2147483647",
                "/api/v1/indicator-values?page=2147483647", "/api/v1/early-warnings?page=2147483647",
                "/api/v1/users?page=2147483647", "/api/v1/users?page=-1", "/api/v1/complaints?size=100000",
                "/api/v1/early-warnings?page=-1")) {
            var r = api.get(path, path.contains("/public/") ? null : admin);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(path).contains("problem+json");
            assertThat(r.body()).contains("errors").doesNotContainIgnoringCase("exception");
        }
        WebSession web = WebSession.loggedIn(port, "admin");
        for (String path : List.of("/indicators/warnings?page=-1", "/indicators/warnings?page=2147483647",
                "/users?page=-1", "/complaints?page=2147483647")) {
            var p = web.get(path);
            assertThat(p.status()).as(path).isEqualTo(400);
            assertThat(p.body()).as(path).contains("<html");
        }
    }

    @Test
    void listPagesNeverLinkToAPageThatDoesNotExist() {
        WebSession web = WebSession.loggedIn(port, "admin");
        // the login log and the audit trail belong to the security and audit administrators (separation of duties)
        Map<String, List<String>> listsByUser = Map.of(
                "admin", List.of("/jobs", "/enterprises", "/users", "/tasks", "/tasks/mine", "/notifications",
                        "/spotchecks/samples", "/spotchecks/follow-ups", "/indicators/warnings", "/complaints"),
                "tongcheng", List.of("/tasks/mine", "/tasks", "/complaints", "/spotchecks/samples", "/enterprises"),
                "secadmin", List.of("/login-log"),
                "auditadmin", List.of("/audit", "/audit/personal-data-access?subject=13800000000"));
        Pattern pageParam = Pattern.compile("[?&;]page=(-?\\d+)");
        for (var e : listsByUser.entrySet()) {
            WebSession session = e.getKey().equals("admin") ? web : WebSession.loggedIn(port, e.getKey());
            for (String path : e.getValue()) {
                for (String query : List.of("", "size=1", "size=1&page=1", "size=1&page=99999")) {
                    var p = session.get(query.isEmpty() ? path : path + (path.contains("?") ? "&" : "?") + query);
                    assertThat(p.status()).as(path + query).isEqualTo(200);
                    // the pager with its numbers, go-to form and page size, never a link to a page that does not exist
                    assertThat(p.body()).as(path + query).contains("qc-pager").contains("name=\"pageNo\"")
                            .contains("name=\"size\"").doesNotContain("page=-1").doesNotContain("page=-");
                    Matcher total = Pattern.compile("data-total=\"(\\d+)\"").matcher(p.body());
                    assertThat(total.find()).as(path + query).isTrue();
                    long pages = Math.max(1, Long.parseLong(total.group(1))); // one row a page
                    Matcher links = pageParam.matcher(p.body());
                    while (!query.isEmpty() && links.find()) {
                        assertThat(Long.parseLong(links.group(1))).as(path + query + " " + links.group())
                                .isBetween(0L, pages - 1);
                    }
                }
            }
        }
        // far past the end: "previous" leads to the last page, "next" nowhere
        var past = web.get("/users?page=5000&size=10");
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.body()).doesNotContain("page=4999").doesNotContain("page=5001");
    }

    // ------------------------------------------------------------------ 10: redirects and the Host header

    @Test
    void redirectsDoNotEchoAForgedHostHeader() throws IOException {
        String answer = raw("GET /complaints HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 302");
        String location = answer.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst().orElseThrow();
        assertThat(location).doesNotContain("evil.example");
        assertThat(location.substring(9).trim()).startsWith("/");
        String logout = raw("GET /indicators/dashboard HTTP/1.1\r\nHost: evil.example:8443\r\nConnection: close\r\n\r\n");
        assertThat(logout).doesNotContain("evil.example");
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ 11: error pages

    @Test
    void unknownPagesGetTheFriendly404AndApiPathsProblemJson() {
        WebSession web = WebSession.loggedIn(port, "admin");
        var page = web.get("/no-such-page", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<html").doesNotContain("No static resource");

        TestApi api = api();
        var apiMissing = api.get("/api/v1/no-such-thing", api.token("admin"));
        assertThat(apiMissing.status()).isEqualTo(404);
        assertThat(apiMissing.header("Content-Type")).contains("problem+json");

        var html = web.get("/open311/v2/services.json", "text/html");
        assertThat(html.status()).as(html.body()).isLessThan(500);
        assertThat(html.body()).doesNotContainIgnoringCase("exception");
    }
}
