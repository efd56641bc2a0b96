package org.qualitycity.engineering;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The engineering API: every field error at once, the all-or-nothing import, the 住建 scope, awards as honours. */
@QcIntegrationTest
class EngineeringApiTest {

    @LocalServerPort
    int port;

    private static List<String> fields(TestApi.Response r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    @Test
    void badInputIsA400ListingEveryField() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        var r = api.post("/api/v1/projects", Map.of("projectNo", "", "name", "x", "unitCode", "421222", "kind", "CASTLE",
                "investment", -1, "floorArea", 10), admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(fields(r)).contains("projectNo", "kind", "investment");
        var rules = api.post("/api/v1/projects", EngineeringFixtures.project("421200-SCJG", "RESIDENTIAL", 10, Map.of(
                "permitDate", "2020-05-01", "startDate", "2020-04-01", "participants",
                List.of(Map.of("role", "BUILDER", "creditCode", EnterpriseFixtures.freshCode("421222"))))), admin);
        assertThat(rules.status()).isEqualTo(400);
        assertThat(fields(rules)).containsExactlyInAnyOrder("unitCode", "startDate", "participants[0].creditCode");
        long project = EngineeringFixtures.create(api, admin, EngineeringFixtures.project("421222", "RESIDENTIAL", 10,
                Map.of("startDate", "2020-04-01")));
        var inspection = api.post("/api/v1/projects/" + project + "/inspections", Map.of("inspectedOn", "2020-06-01",
                "inspector", "甲", "findings", "问题", "outcome", "RECTIFICATION"), admin);
        assertThat(fields(inspection)).containsExactly("deadline");
        assertThat(api.get("/api/v1/projects/" + Long.MAX_VALUE, admin).status()).isEqualTo(404);
    }

    @Test
    void theImportIsAllOrNothingAndReportsEveryBadRow() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String builder = EnterpriseFixtures.create(api, "421223", "导入测试建筑公司");
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rows.add(new String[]{"IMP-" + tag + "-" + i, "导入工程" + i, "421223", "residential", "5000", "12000",
                    "2021-01-05", "2021-02-01", "2022-12-31", null, "GB 55015-2021", "PASSED", "UNDER_CONSTRUCTION",
                    "29.55", "114.04", null, builder});
        }
        List<String[]> bad = new ArrayList<>(rows);
        bad.set(1, new String[]{"IMP-" + tag + "-2", "导入工程2", "999999", "RESIDENTIAL", "5000", "12000", null,
                "2021-13-01", null, null, null, null, null, null, null, null, null});
        var refused = EnterpriseFixtures.upload(api, "/api/v1/projects/import", "projects.xlsx",
                EnterpriseFixtures.workbook(bad), admin);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("file", "row[3].startDate", "row[3].unitCode");
        assertThat(api.get("/api/v1/projects?q=IMP-" + tag, admin).json().get("total").asLong()).isZero();
        var imported = EnterpriseFixtures.upload(api, "/api/v1/projects/import", "projects.xlsx",
                EnterpriseFixtures.workbook(rows), admin);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
        JsonNode list = api.get("/api/v1/projects?q=IMP-" + tag, admin).json();
        assertThat(list.get("total").asLong()).isEqualTo(3);
        JsonNode detail = api.get("/api/v1/projects/" + list.get("items").get(0).get("id").asLong(), admin).json();
        assertThat(detail.get("participants").get(0).get("creditCode").asText()).isEqualTo(builder);
        assertThat(detail.get("project").get("sizeClass").asText()).isEqualTo("MEDIUM");
    }

    @Test
    void theCityBureauSeesEveryDistrictAndOtherDepartmentsNone() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long chibi = EngineeringFixtures.create(api, admin, EngineeringFixtures.project("421281", "INDUSTRIAL", 800,
                Map.of("startDate", "2021-03-01")));
        assertThat(api.get("/api/v1/projects/" + chibi, api.token("zhujian")).status()).as("city 住建局").isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + chibi, api.token("chibi")).status()).as("the district").isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + chibi, api.token("scjg")).status()).as("market regulator").isEqualTo(404);
        assertThat(api.get("/api/v1/projects/" + chibi, api.token("tongcheng")).status()).as("another district").isEqualTo(404);
        assertThat(api.get("/api/v1/projects?size=1", api.token("scjg")).json().get("total").asLong()).isZero();
        // the city bureau records in any district
        assertThat(api.post("/api/v1/projects/" + chibi + "/inspections", Map.of("inspectedOn", "2021-06-01",
                "inspector", "市质监站", "findings", "未发现问题", "outcome", "NONE"), api.token("zhujian")).status())
                .isEqualTo(201);
    }

    @Test
    void anAwardBecomesACreditHonourOfItsEnterprises() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String builder = EnterpriseFixtures.create(api, "421202", "获奖测试建筑公司");
        long project = EngineeringFixtures.create(api, admin, EngineeringFixtures.project("421202", "PUBLIC_BUILDING",
                30000, Map.of("startDate", "2020-03-01", "participants", List.of(Map.of("role", "BUILDER",
                        "creditCode", builder)))));
        String on = api.today().minusDays(30).toString();
        var award = api.post("/api/v1/awards", Map.of("projectId", project, "kind", "CHUTIAN", "title", "楚天杯测试",
                "year", api.today().getYear(), "awardedOn", on, "enterpriseCodes", List.of(builder)), admin);
        assertThat(award.status()).as(award.body()).isEqualTo(201);
        assertThat(award.json().get("enterprises").get(0).get("creditCode").asText()).isEqualTo(builder);
        String credit = Await.until("the award is an honour in the builder's credit",
                () -> api.get("/api/v1/credit/enterprises/" + builder, admin).body(), b -> b.contains("HONOUR"));
        assertThat(credit).contains("HONOUR");
        assertThat(api.get("/api/v1/awards?year=" + api.today().getYear(), admin).body()).contains("楚天杯测试");
    }

    /** The map's data: the demo projects and a new one as points with coordinates and state, within the scope. */
    @Test
    void theMapDataHasThePointsOfTheScopeByState() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long chibi = EngineeringFixtures.create(api, admin, EngineeringFixtures.project("421281", "INDUSTRIAL", 800,
                Map.of("latitude", 29.71, "longitude", 113.91, "startDate", "2021-03-01", "status", "UNDER_CONSTRUCTION")));
        JsonNode all = api.get("/api/v1/projects/map", api.token("zhujian")).json();
        assertThat(all.size()).as("the demo projects are on the map").isGreaterThan(50);
        assertThat(all.findValuesAsString("status")).contains("UNDER_CONSTRUCTION", "ACCEPTED");
        JsonNode mine = null;
        for (JsonNode p : all) {
            if (p.get("id").asLong() == chibi) {
                mine = p;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("lat").asDouble()).isEqualTo(29.71);
        assertThat(mine.get("lng").asDouble()).isEqualTo(113.91);
        assertThat(mine.get("status").asText()).isEqualTo("UNDER_CONSTRUCTION");
        // another district's officers do not see it; a state filter keeps that state only
        assertThat(api.get("/api/v1/projects/map", api.token("tongcheng")).json().findValuesAsString("unitCode"))
                .isNotEmpty().doesNotContain("421281");
        assertThat(api.get("/api/v1/projects/map?status=ACCEPTED", admin).json().findValuesAsString("status"))
                .isNotEmpty().containsOnly("ACCEPTED");
        assertThat(api.get("/api/v1/projects/map?status=NOPE", admin).status()).isEqualTo(400);
        // the page carries the same points, placed over the district map by its script
        String page = org.qualitycity.support.WebSession.loggedIn(port, "zhujian").get("/projects/map").body();
        assertThat(page).contains("project-map-points").contains("\"lat\":29.71");
    }

    /** A project page shows a dash, not nothing, for a field left empty. */
    @Test
    void aProjectPageShowsADashForEmptyFields() {
        TestApi api = new TestApi(port);
        var body = EngineeringFixtures.project("421281", "INDUSTRIAL", 800, Map.of());
        long id = EngineeringFixtures.create(api, api.token("admin"), body);
        String page = org.qualitycity.support.WebSession.loggedIn(port, "admin").get("/projects/" + id).body();
        assertThat(page).containsPattern("(?s)<dd class=\"col-sm-7\">—</dd>\\s*<dt[^>]*>[^<]*</dt><dd class=\"col-sm-7\">—</dd>");
        assertThat(page).doesNotContain("<dd class=\"col-sm-7\"></dd>").doesNotContain("??");
    }

    /**
     * The 住建 officer's register form: a bad field shows its message beside it and saves nothing, participants are
     * picked by credit code, a good form saves the project (audited) and the edit form changes it (audited).
     */
    @Test
    void theRegisterFormSavesAndEditsAProjectWithEveryBadFieldBesideIt() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String builder = EnterpriseFixtures.create(api, "421281", "赤壁表单施工公司" + suffix);
        var web = org.qualitycity.support.WebSession.loggedIn(port, "zhujian");
        assertThat(web.get("/projects/new").body()).contains("participant.BUILDER").contains("421281");
        String no = "FORM-" + suffix;
        Map<String, String> form = new java.util.HashMap<>(Map.of("projectNo", no, "name", "表单登记住宅" + suffix,
                "unitCode", "421281", "kind", "RESIDENTIAL", "investment", "abc", "floorArea", "12000",
                "permitDate", "2021-02-01", "startDate", "2021-03-01", "status", "UNDER_CONSTRUCTION",
                "energyReview", "PASSED"));
        form.put("participant.BUILDER", builder);
        form.put("name", " ");
        var bad = web.postForm("/projects", form);
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("请填写数字").contains("project-form-errors");
        assertThat(bad.body().split("invalid-feedback d-block", -1).length - 1).isEqualTo(2);
        // a participant not in the register: named beside its role
        form.put("name", "表单登记住宅" + suffix);
        form.put("investment", "8000");
        form.put("participant.SUPERVISOR", "91420000MA0000000X");
        var unknown = web.postForm("/projects", form);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).contains("91420000MA0000000X”未在企业名录中登记");
        assertThat(api.get("/api/v1/projects?q=" + no, admin).json().get("total").asLong()).isZero();

        form.remove("participant.SUPERVISOR");
        var saved = web.postForm("/projects", form);
        assertThat(saved.status()).as(saved.body()).isIn(302, 303);
        JsonNode list = api.get("/api/v1/projects?q=" + no, admin).json();
        assertThat(list.get("total").asLong()).isEqualTo(1);
        long id = list.get("items").get(0).get("id").asLong();
        assertThat(saved.location()).endsWith("/projects/" + id);
        JsonNode detail = api.get("/api/v1/projects/" + id, admin).json();
        assertThat(detail.toString()).contains(builder).contains("BUILDER").contains("UNDER_CONSTRUCTION");

        // the edit form shows the record and saves a change
        assertThat(web.get("/projects/" + id + "/edit").body()).contains(builder).contains("表单登记住宅" + suffix);
        form.put("name", "表单改名住宅" + suffix);
        form.put("floorArea", "abc");
        assertThat(web.postForm("/projects/" + id, form).body()).contains("请填写数字");
        form.put("floorArea", "15000");
        assertThat(web.postForm("/projects/" + id, form).status()).isIn(302, 303);
        assertThat(api.get("/api/v1/projects/" + id, admin).json().toString()).contains("表单改名住宅" + suffix);
        var trail = api.get("/api/v1/audit?module=engineering&entityType=project&entityId=" + id
                + "&size=10&sort=id&dir=asc", api.token("auditadmin")).json().get("items");
        assertThat(trail.findValuesAsString("action")).containsExactly("CREATE", "UPDATE");
    }
}
