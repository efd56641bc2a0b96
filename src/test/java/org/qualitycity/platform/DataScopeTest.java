package org.qualitycity.platform;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: 通城县's officer cannot read or change any record of 赤壁市 through any page or API.
 * The test lists every endpoint the application maps and requires a probe for each: a new endpoint
 * without a probe here fails the build, so nobody can add one and forget its data scope.
 */
@QcIntegrationTest
class DataScopeTest {

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    TestApi api;
    String tongcheng;
    long chibiUserId;
    WebSession page;

    /** How each endpoint is probed as 通城县 against 赤壁市's records. */
    private final Map<String, Consumer<String>> probes = new LinkedHashMap<>();
    /** Endpoints that hold no unit-owned record, with the reason. */
    private final Map<String, String> notScoped = new LinkedHashMap<>();

    /** The id of a browser session of 赤壁市's officer (which 通城县 must not end). */
    private String chibiSession() {
        WebSession.loggedIn(port, "chibi");
        var list = api.get("/api/v1/me/sessions", api.token("chibi")).json();
        assertThat(list.size()).isPositive();
        return list.get(0).get("id").asText();
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tongcheng = api.token("tongcheng");
        chibiUserId = api.get("/api/v1/users?q=chibi-scj", api.token("admin")).json().get("items").get(0).get("id").asLong();
        page = WebSession.loggedIn(port, "tongcheng");

        // ---- API: units
        probes.put("GET /api/v1/units", e -> assertThat(api.get("/api/v1/units", tongcheng).body())
                .doesNotContain("421281").doesNotContain("赤壁"));
        probes.put("GET /api/v1/units/{code}", e -> {
            notFound(api.get("/api/v1/units/421281", tongcheng));
            notFound(api.get("/api/v1/units/421281-SCJG", tongcheng));
        });
        probes.put("POST /api/v1/units", e -> {
            var r = api.post("/api/v1/units", Map.of("code", "TC-X1", "nameZh", "越权", "nameEn", "x", "kind", "SUBUNIT",
                    "parentCode", "421281"), tongcheng);
            notFound(r);
        });
        probes.put("PUT /api/v1/units/tree", e -> {
            // a district officer may edit its own sub-units, never import the city's tree (not even a rename of 赤壁市)
            var r = api.send("PUT", "/api/v1/units/tree", """
                    format: qualitycity-units/1
                    units:
                      - {code: "421200", kind: CITY, name_zh: 咸宁市, name_en: Xianning City}
                      - {code: "421281", parent: "421200", kind: DISTRICT, name_zh: 越权, name_en: x, sort: 6}
                    """, tongcheng, "application/yaml");
            assertThat(r.status()).isEqualTo(403);
            assertThat(api.get("/api/v1/units/421281", api.token("admin")).json().get("nameZh").asText()).isEqualTo("赤壁市");
        });
        probes.put("PUT /api/v1/units/{code}", e -> notFound(api.put("/api/v1/units/421281-SCJG",
                Map.of("nameZh", "越权", "nameEn", "x"), tongcheng)));
        probes.put("POST /api/v1/units/{code}/move", e -> {
            notFound(api.post("/api/v1/units/421281-SCJG/move", Map.of("parentCode", "421222"), tongcheng));
            // nor may it move its own sub-unit into 赤壁市
            notFound(api.post("/api/v1/units/421222-SCJG/move", Map.of("parentCode", "421281"), tongcheng));
        });
        probes.put("POST /api/v1/units/{code}/deactivate", e ->
                notFound(api.post("/api/v1/units/421281-SCJG/deactivate", null, tongcheng)));
        probes.put("POST /api/v1/units/{code}/activate", e ->
                notFound(api.post("/api/v1/units/421281-SCJG/activate", null, tongcheng)));
        probes.put("DELETE /api/v1/units/{code}", e -> notFound(api.delete("/api/v1/units/421281-SCJG", tongcheng)));

        // ---- API: users
        probes.put("GET /api/v1/users", e -> {
            String body = api.get("/api/v1/users?size=200", tongcheng).body();
            assertThat(body).doesNotContain("chibi").doesNotContain("赤壁");
            assertThat(api.get("/api/v1/users?unitCode=421281", tongcheng).json().get("total").asLong()).isZero();
        });
        probes.put("GET /api/v1/users/export", e -> {
            byte[] xlsx = api.getBytes("/api/v1/users/export?size=200", tongcheng);
            assertThat(excelText(xlsx)).doesNotContain("chibi").doesNotContain("赤壁").contains("tongcheng");
        });
        probes.put("GET /api/v1/users/{id}", e -> notFound(api.get("/api/v1/users/" + chibiUserId, tongcheng)));
        probes.put("POST /api/v1/users", e -> {
            var r = api.post("/api/v1/users", Map.of("username", "tcx" + System.nanoTime() % 100000, "displayName", "x",
                    "unitCode", "421281", "password", "Start#2026x", "roles", List.of()), tongcheng);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
        });
        probes.put("PUT /api/v1/users/{id}", e -> notFound(api.put("/api/v1/users/" + chibiUserId,
                Map.of("displayName", "越权", "unitCode", "421222", "active", true, "roles", List.of()), tongcheng)));
        probes.put("POST /api/v1/users/{id}/password", e -> notFound(api.post("/api/v1/users/" + chibiUserId
                + "/password", Map.of("password", "Hijack#2026x"), tongcheng)));
        probes.put("POST /api/v1/users/{id}/unlock", e ->
                notFound(api.post("/api/v1/users/" + chibiUserId + "/unlock", null, tongcheng)));

        // ---- API: no unit-owned records
        notScoped.put("POST /api/v1/auth/token", "login");
        notScoped.put("DELETE /api/v1/auth/token", "revokes the caller's own token only");
        notScoped.put("GET /api/v1/me", "the caller's own account");
        notScoped.put("POST /api/v1/me/password", "the caller's own password");
        notScoped.put("POST /api/v1/me/totp", "the caller's own two-factor enrolment");
        notScoped.put("POST /api/v1/me/totp/confirm", "the caller's own two-factor enrolment");
        notScoped.put("GET /api/v1/me/sessions", "the caller's own sessions (by its own username)");
        probes.put("DELETE /api/v1/me/sessions/{id}", e -> notFound(api.delete("/api/v1/me/sessions/" + chibiSession(),
                tongcheng)));
        for (String roleEndpoint : List.of("GET /api/v1/roles", "GET /api/v1/roles/permissions", "GET /api/v1/roles/{id}",
                "POST /api/v1/roles", "PUT /api/v1/roles/{id}")) {
            String validRole = "{\"code\":\"DISTRICT_OFFICER\",\"nameZh\":\"x\",\"nameEn\":\"x\",\"dataScope\":\"ALL\","
                    + "\"permissions\":[\"*\"]}";
            probes.put(roleEndpoint, e -> assertThat(api.send(e.split(" ")[0], e.split(" ")[1].replace("{id}", "3"),
                    e.startsWith("GET") ? null : validRole, tongcheng, "application/json").status())
                    .as("roles are city-wide configuration: forbidden to a district").isEqualTo(403));
        }
        for (String auditEndpoint : List.of("GET /api/v1/audit", "GET /api/v1/audit/export", "GET /api/v1/audit/verify",
                "GET /api/v1/audit/logins", "GET /api/v1/audit/personal-data-access")) {
            probes.put(auditEndpoint, e -> assertThat(api.get(e.split(" ")[1], tongcheng).status()).isEqualTo(403));
        }

        // ---- pages
        probes.put("GET /units", e -> assertThat(page.get("/units").body()).doesNotContain("赤壁"));
        probes.put("GET /units/new", e -> assertThat(page.get("/units/new").body()).doesNotContain("赤壁"));
        probes.put("POST /units", e -> {
            page.get("/units/new");
            var r = page.postForm("/units", Map.of("code", "TC-X2", "nameZh", "越权", "nameEn", "x", "kind", "SUBUNIT",
                    "parentCode", "421281"));
            assertThat(r.status()).isEqualTo(404);
        });
        probes.put("GET /units/{code}", e -> assertThat(page.get("/units/421281").status()).isEqualTo(404));
        probes.put("POST /units/{code}", e -> {
            page.get("/units");
            assertThat(page.postForm("/units/421281-SCJG", Map.of("nameZh", "越权", "nameEn", "x")).status())
                    .isEqualTo(404);
        });
        probes.put("POST /units/{code}/move", e -> {
            page.get("/units");
            assertThat(page.postForm("/units/421281-SCJG/move", Map.of("parentCode", "421222")).status()).isEqualTo(404);
        });
        probes.put("POST /units/{code}/active", e -> {
            page.get("/units");
            assertThat(page.postForm("/units/421281-SCJG/active", Map.of("active", "false")).status()).isEqualTo(404);
        });
        probes.put("POST /units/{code}/delete", e -> {
            page.get("/units");
            assertThat(page.postForm("/units/421281-SCJG/delete", Map.of()).status()).isEqualTo(404);
        });
        probes.put("GET /users", e -> assertThat(page.get("/users?size=200").body()).doesNotContain("chibi"));
        probes.put("GET /users/export", e -> assertThat(page.get("/users/export").status()).isEqualTo(200));
        probes.put("GET /users/new", e -> assertThat(page.get("/users/new").body()).doesNotContain("赤壁"));
        probes.put("POST /users", e -> {
            page.get("/users/new");
            var r = page.postForm("/users", Map.of("username", "tcy" + System.nanoTime() % 100000, "displayName", "x",
                    "unitCode", "421281", "password", "Start#2026x"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("单位“421281”不存在");
        });
        probes.put("GET /users/{id}", e -> assertThat(page.get("/users/" + chibiUserId).status()).isEqualTo(404));
        probes.put("POST /users/{id}", e -> {
            page.get("/users");
            assertThat(page.postForm("/users/" + chibiUserId, Map.of("displayName", "越权", "unitCode", "421222",
                    "active", "true")).status()).isEqualTo(404);
        });
        probes.put("POST /users/{id}/password", e -> {
            page.get("/users");
            assertThat(page.postForm("/users/" + chibiUserId + "/password", Map.of("password", "Hijack#2026x")).status())
                    .isEqualTo(404);
        });
        probes.put("POST /users/{id}/unlock", e -> {
            page.get("/users");
            assertThat(page.postForm("/users/" + chibiUserId + "/unlock", Map.of()).status()).isEqualTo(404);
        });
        for (String adminPage : List.of("GET /roles", "GET /roles/{id}", "POST /roles/{id}", "GET /audit",
                "GET /audit/export", "POST /audit/verify", "GET /login-log", "GET /login-log/export",
                "GET /audit/personal-data-access")) {
            probes.put(adminPage, e -> {
                page.get("/");
                String path = e.split(" ")[1].replace("{id}", "1");
                var r = e.startsWith("GET") ? page.get(path) : page.postForm(path, Map.of());
                assertThat(r.status()).as(e).isEqualTo(403);
            });
        }
        notScoped.put("GET /login", "public login page");
        notScoped.put("GET /", "home page: the caller's own account, unit count and workbench (each source scoped: WorkbenchTest)");
        probes.put("GET /workbench/counts", e -> {
            // an enterprise account gets none of its district's work counted beside its navigation
            String counts = WebSession.loggedIn(port, "qiye").get("/workbench/counts", "application/json").body();
            assertThat(counts).doesNotContain("/tasks").doesNotContain("/complaints").doesNotContain("/indicators");
        });
        notScoped.put("GET /me", "the caller's own settings");
        notScoped.put("POST /me/password", "the caller's own password");
        notScoped.put("GET /login/totp", "second login step of the session's own pending login");
        notScoped.put("POST /login/totp", "second login step of the session's own pending login");
        notScoped.put("GET /me/two-factor", "the caller's own two-factor enrolment");
        notScoped.put("POST /me/two-factor/start", "the caller's own two-factor enrolment");
        notScoped.put("POST /me/two-factor/confirm", "the caller's own two-factor enrolment");
        notScoped.put("GET /me/sessions", "the caller's own sessions (by its own username)");
        probes.put("POST /me/sessions/{id}/end", e -> {
            page.get("/me/sessions");
            assertThat(page.postForm("/me/sessions/" + chibiSession() + "/end", Map.of()).status()).isEqualTo(404);
        });
        notScoped.put("GET /error/403", "error page");
        notScoped.put("GET /error", "error page");
        notScoped.put("GET /v3/api-docs", "API description (springdoc)");
        notScoped.put("GET /v3/api-docs.yaml", "API description (springdoc)");
        notScoped.put("GET /v3/api-docs/swagger-config", "API description (springdoc)");
        notScoped.put("GET /v3/api-docs/{group}", "API description (springdoc)");
        notScoped.put("GET /api-docs.html", "API browser (springdoc)");
        ModuleScopeProbes.register(this);
        ProductScopeProbes.register(this);
    }

    /** Lets other modules' probe sets join this enumeration (see ModuleScopeProbes). */
    void probe(String endpoint, Consumer<String> check) {
        probes.put(endpoint, check);
    }

    void notScoped(String endpoint, String reason) {
        notScoped.put(endpoint, reason);
    }

    TestApi api() {
        return api;
    }

    String tongchengToken() {
        return tongcheng;
    }

    WebSession tongchengPage() {
        return page;
    }

    private static void notFound(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
    }

    static String excelText(byte[] xlsx) {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            StringBuilder sb = new StringBuilder();
            wb.getSheetAt(0).forEach(row -> row.forEach(c -> sb.append(c.toString()).append('|')));
            return sb.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every "METHOD /path" the application maps (the error controller and springdoc included). */
    private List<String> mappedEndpoints() {
        TreeSet<String> all = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            var methods = info.getMethodsCondition().getMethods();
            var patterns = info.getPatternValues();
            for (String p : patterns) {
                if (methods.isEmpty()) {
                    all.add("GET " + p);
                } else {
                    methods.forEach(m -> all.add(m.name() + " " + p));
                }
            }
        });
        return new ArrayList<>(all);
    }

    @Test
    void everyMappedEndpointHasAScopeProbeOrAStatedReason() {
        List<String> missing = mappedEndpoints().stream()
                .filter(e -> !probes.containsKey(e) && !notScoped.containsKey(e)).toList();
        assertThat(missing).as("endpoints without a data-scope probe in DataScopeTest / ModuleScopeProbes").isEmpty();
    }

    @Test
    void tongchengCannotReadOrChangeAnyRecordOfChibiThroughAnyEndpoint() {
        List<String> endpoints = mappedEndpoints();
        List<String> probed = new ArrayList<>();
        for (String endpoint : endpoints) {
            Consumer<String> probe = probes.get(endpoint);
            if (probe != null) {
                probe.accept(endpoint);
                probed.add(endpoint);
            }
        }
        assertThat(probed).hasSizeGreaterThan(40);
        // and nothing was changed by the attempts
        var chibi = api.get("/api/v1/units/421281-SCJG", api.token("admin")).json();
        assertThat(chibi.get("nameZh").asText()).isEqualTo("赤壁市市场监督管理局");
        assertThat(chibi.get("parentCode").asText()).isEqualTo("421281");
        assertThat(chibi.get("active").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/auth/token", Map.of("username", "chibi-scj", "password", TestApi.DEMO_PASSWORD), null)
                .status()).isEqualTo(200);
    }
}
