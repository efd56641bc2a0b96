package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.Multipart;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, finding 5: U+0000 (which PostgreSQL cannot store) is bad input everywhere: 400 problem+json naming
 * the field on the API, the form error on pages; never a 500.
 */
@QcIntegrationTest
class NulCharacterTest {

    private static final String NUL = "测试\u0000值";
    private static final String NUL_URL = "%E6%B5%8B%00x";

    @LocalServerPort
    int port;

    private static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> m = new HashMap<>(valid);
        m.put(field, value);
        return m;
    }

    private static void expect(List<String> failures, String what, TestApi.Response r, String field) {
        String ct = r.header("Content-Type");
        if (what.startsWith("open311")) {
            // GeoReport v2's error array (issue 11): [{"code": 400, "description": "<field>: ..."}]
            if (r.status() != 400 || ct == null || !ct.startsWith("application/json") || r.json() == null
                    || !r.json().path(0).path("description").asString("").startsWith(field + ":")) {
                failures.add(what + " -> " + r.status() + " " + r.body());
            }
            return;
        }
        if (r.status() != 400 || ct == null || !ct.startsWith("application/problem+json") || r.json() == null
                || !r.json().path("errors").findValuesAsString("field").contains(field)) {
            failures.add(what + " -> " + r.status() + " " + r.body());
        }
    }

    @Test
    void writesAndFiltersWithNulAre400ProblemsNamingTheField() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        List<String> failures = new ArrayList<>();

        expect(failures, "public complaint facts", api.post("/api/v1/public/complaints",
                with(ComplaintFixtures.complaint("421222", "通城县某商店", ComplaintFixtures.freshPhone()), "facts",
                        "购买的电热水器漏水" + NUL), null), "facts");
        expect(failures, "open311 description", api.send("POST", "/open311/v2/requests.json",
                "service_code=GOODS_COMPLAINT&description=" + NUL_URL + "&first_name=x", null,
                "application/x-www-form-urlencoded"), "description");
        expect(failures, "user displayName", api.post("/api/v1/users", Map.of("username", "nul" + System.nanoTime() % 100000,
                "displayName", NUL, "unitCode", "421222", "password", "Start#2026x", "roles", List.of()), admin),
                "displayName");
        expect(failures, "unit nameZh", api.post("/api/v1/units", Map.of("code", "NUL" + System.nanoTime() % 100000,
                "nameZh", NUL, "nameEn", "x", "kind", "SUBUNIT", "parentCode", "421222"), admin), "nameZh");
        expect(failures, "role nameEn", api.post("/api/v1/roles", Map.of("code", "NUL" + System.nanoTime() % 100000,
                "nameZh", "x", "nameEn", NUL, "dataScope", "UNIT", "permissions", List.of()), admin), "nameEn");
        expect(failures, "role permissions[0]", api.post("/api/v1/roles", Map.of("code", "NUL" + System.nanoTime() % 100000,
                "nameZh", "x", "nameEn", "x", "dataScope", "UNIT", "permissions", List.of(NUL)), admin), "permissions[0]");
        String code = EnterpriseFixtures.freshCode("421222");
        expect(failures, "enterprise name", api.post("/api/v1/enterprises",
                with(new HashMap<>(EnterpriseFixtures.enterprise(code, "x", "421222")), "name", NUL), admin), "name");
        expect(failures, "notification title", api.post("/api/v1/notifications",
                Map.of("unitCode", "421222", "title", NUL), admin), "title");
        expect(failures, "task title", api.post("/api/v1/tasks", Map.of("title", NUL, "leadUnit", "421222",
                "deadline", "2030-01-01"), admin), "title");
        expect(failures, "sample product", api.post("/api/v1/spotchecks/samples", with(SpotcheckFixtures.sample(
                code, "SUPERVISION", "0101", "B1", "2026-01-05"), "product", NUL), admin), "product");
        expect(failures, "sample samplers[1]", api.post("/api/v1/spotchecks/samples", with(SpotcheckFixtures.sample(
                code, "SUPERVISION", "0101", "B1", "2026-01-05"), "samplers", List.of("甲", NUL)), admin), "samplers[1]");
        expect(failures, "credit blacklist decisionNo", api.post("/api/v1/credit/blacklist", Map.of("creditCode", code,
                "decisionNo", NUL, "reason", "x", "listedOn", "2026-01-05"), admin), "decisionNo");
        expect(failures, "users filter q", api.get("/api/v1/users?q=" + NUL_URL, admin), "q");
        expect(failures, "complaints filter q", api.get("/api/v1/complaints?q=" + NUL_URL, admin), "q");
        expect(failures, "enterprises filter q", api.get("/api/v1/enterprises?q=" + NUL_URL, admin), "q");
        expect(failures, "upload ownerType", Multipart.api(api).post("/api/v1/files", new LinkedHashMap<>(Map.of(
                "ownerType", "un\u0000it", "ownerId", "1", "file", new Multipart.Part("a.png", new byte[] {1}, "image/png"))),
                admin), "ownerType");
        assertThat(failures).isEmpty();
    }

    @Test
    void anUploadWhoseFileNameHoldsNulIsNot500() {
        TestApi api = new TestApi(port);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", "unit");
        fields.put("ownerId", "1");
        fields.put("file", new Multipart.Part("报告\u0000.png", "not really a png".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "image/png"));
        var r = Multipart.api(api).post("/api/v1/files", fields, api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("file");
    }

    @Test
    void thePublicFormShowsTheFieldErrorForNul() {
        WebSession anon = new WebSession(port);
        assertThat(anon.get("/public/complaints?lang=zh-CN").status()).isEqualTo(200);
        Map<String, String> fields = new HashMap<>();
        fields.put("type", "COMPLAINT");
        fields.put("category", "SERVICES");
        fields.put("respondentName", "通城县某理发店");
        fields.put("district", "421222");
        fields.put("facts", "办卡后理发店关门，余额无法退还\u0000联系不上老板。");
        fields.put("request", "退还卡内余额");
        fields.put("name", "王五");
        fields.put("phone", ComplaintFixtures.freshPhone());
        fields.put("website", "");
        var page = anon.postForm("/public/complaints", fields);
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).contains("form-errors").contains("invalid-feedback").doesNotContain("tracking-code");
    }
}
