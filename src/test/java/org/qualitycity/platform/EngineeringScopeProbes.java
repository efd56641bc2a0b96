package org.qualitycity.platform;

import org.qualitycity.engineering.EngineeringFixtures;
import org.qualitycity.support.TestApi;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope probes of the engineering endpoints: 通城县's officer against a construction project of 赤壁市 with an
 * inspection, an open rectification notice, an acceptance, an accident and an award.
 */
final class EngineeringScopeProbes {

    private EngineeringScopeProbes() {
    }

    private static void notFound(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        org.qualitycity.support.WebSession page = t.tongchengPage();
        String name = "赤壁范围探针工程";
        var body = EngineeringFixtures.project("421281", "RESIDENTIAL", 6000, Map.of("name", name,
                "startDate", "2018-03-01", "energyReview", "PASSED"));
        long project = EngineeringFixtures.create(api, admin, body);
        String number = (String) body.get("projectNo");
        api.post("/api/v1/projects/" + project + "/inspections", Map.of("inspectedOn", "2018-06-01", "inspector", "探针",
                "findings", "钢筋间距不符", "outcome", "RECTIFICATION", "deadline", "2018-06-20"), admin);
        long notice = api.get("/api/v1/projects/" + project, admin).json().get("notices").get(0).get("id").asLong();
        api.post("/api/v1/accidents", Map.of("projectId", project, "grade", "GENERAL", "occurredOn", "2018-07-01",
                "directLoss", 10, "description", "探针事故"), admin);
        api.post("/api/v1/awards", Map.of("projectId", project, "kind", "OTHER", "title", "探针奖项", "year", 2018,
                "awardedOn", "2018-12-01"), admin);

        t.probe("GET /api/v1/projects", e -> {
            assertThat(api.get("/api/v1/projects?size=200", tc).body()).doesNotContain(name).doesNotContain(number);
            notFound(api.get("/api/v1/projects?unit=421281", tc));
        });
        t.probe("GET /api/v1/projects/map", e -> assertThat(api.get("/api/v1/projects/map", tc).body())
                .doesNotContain(name).doesNotContain(number));
        t.probe("GET /api/v1/projects/export", e -> assertThat(DataScopeTest.excelText(api.getBytes(
                "/api/v1/projects/export?size=200", tc))).doesNotContain(name));
        t.probe("POST /api/v1/projects", e -> {
            var r = api.post("/api/v1/projects", EngineeringFixtures.project("421281", "RESIDENTIAL", 100, Map.of()), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
        });
        t.probe("GET /api/v1/projects/{id}", e -> notFound(api.get("/api/v1/projects/" + project, tc)));
        t.probe("POST /api/v1/projects/{id}/acceptances", e -> notFound(api.post("/api/v1/projects/" + project
                + "/acceptances", Map.of("acceptedOn", "2019-01-01", "passed", true), tc)));
        t.probe("POST /api/v1/projects/{id}/filing", e -> notFound(api.post("/api/v1/projects/" + project + "/filing",
                Map.of("filedOn", "2019-01-01", "filingNo", "X"), tc)));
        t.probe("POST /api/v1/projects/{id}/inspections", e -> notFound(api.post("/api/v1/projects/" + project
                + "/inspections", Map.of("inspectedOn", "2019-01-01", "inspector", "x", "findings", "x", "outcome", "NONE"), tc)));
        t.probe("POST /api/v1/projects/{id}/notices/{noticeId}/closure", e -> notFound(api.post("/api/v1/projects/"
                + project + "/notices/" + notice + "/closure", Map.of("closedOn", "2018-06-10", "note", "x"), tc)));
        t.probe("POST /api/v1/projects/import", e -> {
            var r = api.send("POST", "/api/v1/projects/import", null, tc, "application/json");
            assertThat(r.status()).isEqualTo(400);
        });
        t.probe("GET /api/v1/awards", e -> assertThat(api.get("/api/v1/awards", tc).body()).doesNotContain("探针奖项"));
        t.probe("POST /api/v1/awards", e -> {
            var r = api.post("/api/v1/awards", Map.of("projectId", project, "kind", "LUBAN", "title", "越权",
                    "year", 2019, "awardedOn", "2019-01-01"), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("projectId");
        });
        t.probe("GET /api/v1/accidents", e -> {
            assertThat(api.get("/api/v1/accidents", tc).body()).doesNotContain("探针事故");
            notFound(api.get("/api/v1/accidents?unit=421281", tc));
        });

        // ---- pages
        t.probe("GET /projects", e -> {
            assertThat(page.get("/projects?size=200").body()).doesNotContain(name).doesNotContain(number);
            assertThat(page.get("/projects?unit=421281").status()).isEqualTo(404);
        });
        t.probe("GET /projects/map", e -> assertThat(page.get("/projects/map").body()).doesNotContain(name));
        t.probe("GET /projects/{id}", e -> assertThat(page.get("/projects/" + project).status()).isEqualTo(404));
        t.probe("GET /projects/new", e -> assertThat(page.get("/projects/new").body()).contains("421222")
                .doesNotContain("value=\"421281\""));
        t.probe("POST /projects", e -> {
            page.get("/projects/new");
            String no = "TC-PROBE-" + System.nanoTime() % 100000;
            var r = page.postForm("/projects", Map.of("projectNo", no, "name", "越权工程", "unitCode", "421281",
                    "kind", "RESIDENTIAL", "investment", "100", "floorArea", "100"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(api.get("/api/v1/projects?q=" + no, admin).json().get("total").asLong()).isZero();
        });
        t.probe("GET /projects/{id}/edit", e -> assertThat(page.get("/projects/" + project + "/edit").status())
                .isEqualTo(404));
        t.probe("POST /projects/{id}", e -> {
            page.get("/projects");
            assertThat(page.postForm("/projects/" + project, Map.of("projectNo", number, "name", "越权",
                    "unitCode", "421222", "kind", "RESIDENTIAL", "investment", "1", "floorArea", "1")).status())
                    .isEqualTo(404);
        });
        t.probe("POST /projects/import", e -> {
            page.get("/projects");
            assertThat(page.postForm("/projects/import", Map.of()).status()).isIn(302, 303);
        });
        t.probe("POST /projects/{id}/acceptances", e -> {
            page.get("/projects");
            assertThat(page.postForm("/projects/" + project + "/acceptances", Map.of("acceptedOn", "2019-01-01",
                    "passed", "true")).status()).isEqualTo(404);
        });
        t.probe("POST /projects/{id}/inspections", e -> {
            page.get("/projects");
            assertThat(page.postForm("/projects/" + project + "/inspections", Map.of("inspectedOn", "2019-01-01",
                    "inspector", "x", "findings", "x", "outcome", "NONE")).status()).isEqualTo(404);
        });
        t.probe("POST /projects/{id}/filing", e -> {
            page.get("/projects");
            assertThat(page.postForm("/projects/" + project + "/filing", Map.of("filedOn", "2019-01-01",
                    "filingNo", "x")).status()).isEqualTo(404);
        });
        t.probe("POST /projects/{id}/notices/{noticeId}/closure", e -> {
            page.get("/projects");
            assertThat(page.postForm("/projects/" + project + "/notices/" + notice + "/closure", Map.of(
                    "closedOn", "2018-06-10", "note", "x")).status()).isEqualTo(404);
        });
        t.probe("POST /api/v1/accidents", e -> {
            var r = api.post("/api/v1/accidents", Map.of("projectId", project, "grade", "GENERAL", "occurredOn",
                    "2019-01-01", "directLoss", 1, "description", "越权"), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("projectId");
        });
    }
}
