package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: invalid input to every endpoint of the platform yields 400 with field errors, never 500:
 * malformed JSON, missing fields, too-long strings, wrong types, bad query parameters.
 */
@QcIntegrationTest
class InvalidInputTest {

    @LocalServerPort
    int port;

    private static final String LONG = "长".repeat(300);

    /** A JSON write endpoint and a valid-looking body to corrupt field by field. */
    record WriteEndpoint(String method, String path, Map<String, Object> valid) {
    }

    private List<WriteEndpoint> writeEndpoints(long userId, long roleId) {
        return List.of(
                new WriteEndpoint("POST", "/api/v1/auth/token", Map.of("username", "admin", "password", "x")),
                new WriteEndpoint("POST", "/api/v1/units", Map.of("code", "V1", "nameZh", "x", "nameEn", "x",
                        "kind", "SUBUNIT", "parentCode", "421222")),
                new WriteEndpoint("PUT", "/api/v1/units/421222-SCJG", Map.of("nameZh", "x", "nameEn", "x")),
                new WriteEndpoint("POST", "/api/v1/units/421222-SCJG/move", Map.of("parentCode", "421222")),
                new WriteEndpoint("POST", "/api/v1/users", Map.of("username", "valid" + System.nanoTime() % 1_000_000, "displayName", "x",
                        "unitCode", "421222", "password", "Start#2026x", "roles", List.of())),
                new WriteEndpoint("PUT", "/api/v1/users/" + userId, Map.of("displayName", "x", "unitCode", "421222",
                        "active", true, "roles", List.of())),
                new WriteEndpoint("POST", "/api/v1/users/" + userId + "/password", Map.of("password", "x")),
                new WriteEndpoint("POST", "/api/v1/me/password", Map.of("currentPassword", "x", "newPassword", "y")),
                new WriteEndpoint("POST", "/api/v1/roles", Map.of("code", "VALID", "nameZh", "x", "nameEn", "x",
                        "dataScope", "UNIT", "permissions", List.of())),
                new WriteEndpoint("PUT", "/api/v1/roles/" + roleId, Map.of("code", "VALID", "nameZh", "x", "nameEn",
                        "x", "dataScope", "UNIT", "permissions", List.of())));
    }

    @Test
    void malformedMissingTooLongAndWrongTypedBodiesAre400WithFieldErrors() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        // throwaway records: a variant that happens to be valid must not change shared demo data
        long userId = api.post("/api/v1/users", Map.of("username", "inv" + System.nanoTime() % 1_000_000,
                "displayName", "输入测试", "unitCode", "421222", "password", "Start#2026x", "roles", List.of()), admin)
                .json().get("id").asLong();
        long roleId = api.post("/api/v1/roles", Map.of("code", "INV" + System.nanoTime() % 1_000_000, "nameZh", "x",
                "nameEn", "x", "dataScope", "UNIT", "permissions", List.of()), api.token("secadmin")).json().get("id")
                .asLong();
        List<String> failures = new ArrayList<>();
        for (WriteEndpoint ep : writeEndpoints(userId, roleId)) {
            expect400(api, ep, "{\"broken\": ", admin, "body", failures);
            expect400(api, ep, "[1,2,3]", admin, null, failures);
            expect400(api, ep, "{}", admin, null, failures);
            for (String field : ep.valid().keySet()) {
                var tooLong = new java.util.HashMap<>(ep.valid());
                tooLong.put(field, LONG);
                expect400(api, ep, TestApi.JSON.writeValueAsString(tooLong), admin, field, failures);
                var wrongType = new java.util.HashMap<>(ep.valid());
                wrongType.put(field, Map.of("nested", List.of(1, 2)));
                expect400(api, ep, TestApi.JSON.writeValueAsString(wrongType), admin, field, failures);
                var missing = new java.util.HashMap<>(ep.valid());
                missing.remove(field);
                int status = api.send(ep.method(), ep.path(), TestApi.JSON.writeValueAsString(missing), admin,
                        "application/json").status();
                if (status >= 500) {
                    failures.add(ep.method() + " " + ep.path() + " without " + field + " -> " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void expect400(TestApi api, WriteEndpoint ep, String body, String token, String field,
                                  List<String> failures) {
        var r = api.send(ep.method(), ep.path(), body, token, "application/json");
        String what = ep.method() + " " + ep.path() + " " + (body.length() > 60 ? body.substring(0, 60) + "…" : body);
        // the token endpoint answers 401 to a well-formed but wrong login; all else must be a 400 problem
        if (ep.path().equals("/api/v1/auth/token") && r.status() == 401 && field == null) {
            return;
        }
        if (r.status() != 400) {
            failures.add(what + " -> " + r.status() + " " + r.body());
            return;
        }
        if (!r.header("Content-Type").startsWith("application/problem+json") || r.json().get("errors") == null
                || r.json().get("errors").isEmpty()) {
            failures.add(what + " -> 400 without field errors: " + r.body());
            return;
        }
        if (field != null && !r.json().get("errors").findValuesAsString("field").contains(field)) {
            failures.add(what + " -> 400 not naming " + field + ": " + r.body());
        }
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        Map<String, String> cases = Map.of(
                "/api/v1/users?page=-1", "page",
                "/api/v1/users?size=100000", "size",
                "/api/v1/users?size=abc", "size",
                "/api/v1/users?sort=password_hash", "sort",
                "/api/v1/users?dir=sideways", "dir",
                "/api/v1/users?active=perhaps", "active",
                "/api/v1/audit?from=yesterday", "from",
                "/api/v1/units?format=xml", "format",
                "/api/v1/users/abc", "id",
                "/api/v1/audit/logins?success=maybe", "success");
        List<String> failures = new ArrayList<>();
        cases.forEach((path, field) -> {
            var r = api.get(path, admin);
            if (r.status() != 400 || r.json() == null
                    || !r.json().get("errors").findValuesAsString("field").contains(field)) {
                failures.add(path + " -> " + r);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void unknownPathsAndWrongMethodsAreNot500() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        assertThat(api.get("/api/v1/no-such-thing", admin).status()).isEqualTo(404);
        assertThat(api.send("PATCH", "/api/v1/units", "{}", admin, "application/json").status()).isEqualTo(405);
        assertThat(api.send("POST", "/api/v1/units", "code=1", admin, "application/x-www-form-urlencoded").status())
                .isEqualTo(415);
        assertThat(api.get("/api/v1/users/99999999999999999999", admin).status()).isEqualTo(400);
    }
}
