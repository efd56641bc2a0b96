package org.qualitycity.platform;

import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope probes of the enterprise, spot-check and credit endpoints: 通城县's officer against an
 * enterprise of 赤壁市 with a failed sample, its follow-up, a listing and a repair application.
 */
final class EnterpriseScopeProbes {

    private EnterpriseScopeProbes() {
    }

    private static void notFound(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        WebSession page = t.tongchengPage();
        String code = EnterpriseFixtures.create(api, "421281", "赤壁范围探针企业");
        long sample = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(code, "SUPERVISION", "FOOD-OIL",
                "PROBE-1", api.today().minusDays(2).toString()));
        SpotcheckFixtures.record(api, admin, sample, false);
        long listing = api.post("/api/v1/credit/blacklist", Map.of("creditCode", code, "decisionNo", "探针1号",
                "legalBasis", "依据", "reason", "事由", "approvedBy", "局务会",
                "listedOn", api.today().minusDays(500).toString()), admin).json().get("id").asLong();
        long repair = api.post("/api/v1/credit/blacklist/" + listing + "/repairs", Map.of("commitment", "c",
                "evidence", "e"), admin).json().get("id").asLong();
        Map<String, Object> sampleReq = SpotcheckFixtures.sample(code, "SUPERVISION", "FOOD-OIL", "X",
                api.today().toString());

        // ---- enterprise register
        t.probe("GET /api/v1/enterprises", e -> {
            assertThat(api.get("/api/v1/enterprises?size=200&q=赤壁范围探针", tc).json().get("total").asLong()).isZero();
            notFound(api.get("/api/v1/enterprises?unit=421281", tc));
        });
        t.probe("GET /api/v1/enterprises/export", e -> {
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/enterprises/export?q=赤壁范围探针", tc)))
                    .doesNotContain("赤壁范围探针");
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/enterprises/export", tc)))
                    .doesNotContain("赤壁范围探针").doesNotContain("赤壁市");
            notFound(api.get("/api/v1/enterprises/export?unit=421281", tc));
        });
        t.probe("POST /api/v1/enterprises", e -> {
            var r = api.post("/api/v1/enterprises", EnterpriseFixtures.enterprise(EnterpriseFixtures.freshCode("421281"),
                    "越权", "421281"), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
        });
        t.probe("GET /api/v1/enterprises/{creditCode}", e -> notFound(api.get("/api/v1/enterprises/" + code, tc)));
        t.probe("POST /api/v1/enterprises/import", e -> {
            var r = EnterpriseFixtures.upload(api, "/api/v1/enterprises/import", "x.xlsx", EnterpriseFixtures.workbook(
                    List.<String[]>of(new String[]{EnterpriseFixtures.freshCode("421281"), "越权导入", "x", "x", "421281",
                            "C1411", "SMALL", "ACTIVE", null, null})), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("row[2].unitCode");
        });
        t.probe("POST /api/v1/enterprises/{creditCode}/users", e -> notFound(api.post("/api/v1/enterprises/" + code
                + "/users", Map.of("username", "tongcheng"), tc)));
        t.probe("POST /api/v1/enterprises/{creditCode}/licences", e -> notFound(api.post("/api/v1/enterprises/" + code
                + "/licences", Map.of("kind", "CCC", "number", "1", "productScope", "x", "validFrom", "2020-01-01",
                "validTo", "2025-01-01"), tc)));
        t.probe("POST /api/v1/enterprises/{creditCode}/standards", e -> notFound(api.post("/api/v1/enterprises/" + code
                + "/standards", Map.of("product", "x", "kind", "NATIONAL", "standardNo", "GB 1", "declaredOn",
                "2020-01-01"), tc)));
        t.probe("GET /enterprises", e -> {
            assertThat(page.get("/enterprises?size=200&q=赤壁范围探针").body()).doesNotContain(code).doesNotContain("赤壁范围探针企业");
            assertThat(page.get("/enterprises?unit=421281").status()).isEqualTo(404);
        });
        t.probe("GET /enterprises/{creditCode}", e -> assertThat(page.get("/enterprises/" + code).status()).isEqualTo(404));
        t.probe("POST /enterprises/import", e -> {
            page.get("/enterprises");
            // the page form is multipart; without a file it is refused and nothing is imported
            assertThat(page.postForm("/enterprises/import", Map.of()).status()).isIn(302, 400);
        });

        // ---- spot checks
        t.probe("GET /api/v1/spotchecks/samples", e -> {
            assertThat(api.get("/api/v1/spotchecks/samples?q=PROBE-1&size=200", tc).json().get("total").asLong()).isZero();
            notFound(api.get("/api/v1/spotchecks/samples?unit=421281", tc));
        });
        t.probe("GET /api/v1/spotchecks/samples/export", e -> {
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/spotchecks/samples/export?q=PROBE-1", tc)))
                    .doesNotContain("赤壁范围探针企业");
            assertThat(DataScopeTest.excelText(api.getBytes("/api/v1/spotchecks/samples/export", tc)))
                    .doesNotContain("赤壁范围探针企业").doesNotContain("赤壁市");
            notFound(api.get("/api/v1/spotchecks/samples/export?unit=421281", tc));
        });
        t.probe("POST /api/v1/spotchecks/samples", e -> notFound(api.post("/api/v1/spotchecks/samples", sampleReq, tc)));
        t.probe("GET /api/v1/spotchecks/samples/{id}", e -> notFound(api.get("/api/v1/spotchecks/samples/" + sample, tc)));
        t.probe("POST /api/v1/spotchecks/samples/{id}/result", e -> notFound(api.post("/api/v1/spotchecks/samples/"
                + sample + "/result", SpotcheckFixtures.result("lab", true), tc)));
        t.probe("POST /api/v1/spotchecks/samples/{id}/objection", e -> notFound(api.post("/api/v1/spotchecks/samples/"
                + sample + "/objection", Map.of("reason", "x"), tc)));
        t.probe("POST /api/v1/spotchecks/samples/{id}/retest", e -> notFound(api.post("/api/v1/spotchecks/samples/"
                + sample + "/retest", SpotcheckFixtures.result("other lab", true), tc)));
        t.probe("POST /api/v1/spotchecks/samples/{id}/rectification", e -> notFound(api.post(
                "/api/v1/spotchecks/samples/" + sample + "/rectification", Map.of("report", "x"), tc)));
        t.probe("POST /api/v1/spotchecks/samples/{id}/reinspection", e -> notFound(api.post(
                "/api/v1/spotchecks/samples/" + sample + "/reinspection", Map.of("verdict", "PASS"), tc)));
        t.probe("GET /api/v1/spotchecks/follow-ups", e -> assertThat(api.get("/api/v1/spotchecks/follow-ups?size=200", tc)
                .body()).doesNotContain("PROBE-1").doesNotContain("赤壁"));
        t.probe("GET /api/v1/spotchecks/follow-ups/export", e -> assertThat(DataScopeTest.excelText(
                api.getBytes("/api/v1/spotchecks/follow-ups/export", tc))).doesNotContain("赤壁"));
        t.notScoped("GET /api/v1/spotchecks/plans", "sampling plans are city-wide (samples carry the units)");
        t.probe("POST /api/v1/spotchecks/plans", e -> assertThat(api.post("/api/v1/spotchecks/plans", Map.of("year", 2026,
                "name", "越权计划", "inspectionType", "SUPERVISION"), tc).status()).isEqualTo(403));
        t.notScoped("GET /api/v1/spotchecks/categories", "the product category catalogue (city-wide reference data)");
        t.probe("GET /api/v1/spotchecks/announcements", e -> assertThat(api.get("/api/v1/spotchecks/announcements", tc)
                .status()).isEqualTo(403));
        t.probe("POST /api/v1/spotchecks/announcements", e -> assertThat(api.post("/api/v1/spotchecks/announcements",
                Map.of("title", "x", "sampleIds", List.of(sample)), tc).status()).isEqualTo(403));
        t.probe("PUT /api/v1/spotchecks/announcements/{id}", e -> assertThat(api.put("/api/v1/spotchecks/announcements/1",
                Map.of("title", "x", "sampleIds", List.of(sample)), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/spotchecks/announcements/{id}/publish", e -> assertThat(api.post(
                "/api/v1/spotchecks/announcements/1/publish", null, tc).status()).isEqualTo(403));
        t.notScoped("GET /api/v1/public/announcements", "public: published announcements");
        t.notScoped("GET /api/v1/public/announcements/{id}", "public: a published announcement");
        t.notScoped("GET /public/announcements", "public page: published announcements");
        t.probe("GET /spotchecks/samples", e -> {
            assertThat(page.get("/spotchecks/samples?q=PROBE-1").body()).doesNotContain("赤壁范围探针企业");
            assertThat(page.get("/spotchecks/samples?unit=421281").status()).isEqualTo(404);
        });
        t.notScoped("GET /spotchecks/samples/new", "an empty form");
        t.probe("POST /spotchecks/samples", e -> {
            page.get("/spotchecks/samples/new");
            var r = page.postForm("/spotchecks/samples", Map.of("enterpriseCreditCode", code, "inspectionType",
                    "SUPERVISION", "categoryCode", "FOOD-OIL", "product", "x", "batchNo", "x", "samplers", "a,b",
                    "sampledOn", api.today().toString()));
            assertThat(r.status()).isEqualTo(404);
        });
        t.probe("GET /spotchecks/samples/{id}", e -> assertThat(page.get("/spotchecks/samples/" + sample).status())
                .isEqualTo(404));
        for (String action : List.of("result", "objection", "rectification", "reinspection")) {
            t.probe("POST /spotchecks/samples/{id}/" + action, e -> {
                page.get("/spotchecks/samples");
                assertThat(page.postForm("/spotchecks/samples/" + sample + "/" + action, Map.of("lab", "x", "item0", "x",
                        "verdict0", "PASS", "reason", "x", "report", "x", "verdict", "PASS")).status()).isEqualTo(404);
            });
        }
        t.probe("GET /spotchecks/follow-ups", e -> assertThat(page.get("/spotchecks/follow-ups?size=200").body())
                .doesNotContain("PROBE-1"));

        // ---- credit
        t.probe("GET /api/v1/credit/enterprises/{creditCode}", e -> notFound(api.get("/api/v1/credit/enterprises/" + code,
                tc)));
        t.probe("POST /api/v1/credit/enterprises/{creditCode}/events", e -> notFound(api.post("/api/v1/credit/enterprises/"
                + code + "/events", Map.of("kind", "PENALTY", "occurredOn", "2020-01-01", "description", "x"), tc)));
        t.notScoped("GET /api/v1/credit/rules", "the city-wide grading rules");
        t.probe("PUT /api/v1/credit/rules/{code}", e -> assertThat(api.put("/api/v1/credit/rules/FAILED_BATCH",
                Map.of("points", 0), tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/credit/blacklist", e -> assertThat(api.get("/api/v1/credit/blacklist?all=true", tc).body())
                .doesNotContain(code));
        t.probe("POST /api/v1/credit/blacklist", e -> notFound(api.post("/api/v1/credit/blacklist", Map.of("creditCode",
                code, "decisionNo", "x", "legalBasis", "x", "reason", "x", "approvedBy", "x"), tc)));
        t.probe("POST /api/v1/credit/blacklist/{id}/repairs", e -> assertThat(api.post("/api/v1/credit/blacklist/"
                + listing + "/repairs", Map.of("commitment", "c", "evidence", "e"), tc).status())
                .as("only enterprises apply").isEqualTo(403));
        t.probe("POST /api/v1/credit/repairs/{id}/decision", e -> {
            notFound(api.post("/api/v1/credit/repairs/" + repair + "/decision", Map.of("approve", true), tc));
            assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
        });
        staffScreens(t, api, page, code, listing, repair, sample);
        t.notScoped("GET /api/v1/public/blacklist", "public: the published serious-violation list");
        t.notScoped("GET /public/blacklist", "public page: the published serious-violation list");
    }

    /** Issue 12 staff screens: 通城县 (and, for the enterprise's own forms, the demo enterprise account) against 赤壁市. */
    private static void staffScreens(DataScopeTest t, TestApi api, WebSession page, String code, long listing, long repair,
                                     long sample) {
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        WebSession qiye = WebSession.loggedIn(t.port, "qiye");
        Runnable stillListed = () -> {
            assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
            assertThat(api.get("/api/v1/credit/enterprises/" + code, admin).json().get("listings").size()).isEqualTo(1);
        };
        t.probe("GET /credit/blacklist", e -> assertThat(page.get("/credit/blacklist?status=ALL&size=200&q=赤壁范围探针").body())
                .doesNotContain(code).doesNotContain("赤壁范围探针企业"));
        t.notScoped("GET /credit/blacklist/new", "an empty form (the enterprise is checked in scope when it is submitted)");
        t.probe("POST /credit/blacklist", e -> {
            page.get("/credit/blacklist/new");
            var r = page.postForm("/credit/blacklist", Map.of("creditCode", code, "decisionNo", "越权", "legalBasis", "x",
                    "reason", "x", "approvedBy", "x", "confirmed", "true"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("id=\"listing-form\"").doesNotContain("赤壁范围探针企业");
            stillListed.run();
        });
        t.probe("GET /credit/blacklist/{id}/remove", e -> notFoundPage(page.get("/credit/blacklist/" + listing + "/remove")));
        t.probe("POST /credit/blacklist/{id}/remove", e -> {
            page.get("/credit/blacklist");
            notFoundPage(page.postForm("/credit/blacklist/" + listing + "/remove", Map.of("reason", "x", "confirmed", "true")));
            stillListed.run();
        });
        t.probe("POST /api/v1/credit/blacklist/{id}/removal", e -> {
            notFound(api.post("/api/v1/credit/blacklist/" + listing + "/removal", Map.of("reason", "x"), tc));
            stillListed.run();
        });
        t.probe("GET /api/v1/credit/repairs", e -> assertThat(api.get("/api/v1/credit/repairs?status=ALL&size=200", tc)
                .body()).doesNotContain(code));
        t.probe("GET /credit/repairs", e -> assertThat(page.get("/credit/repairs?status=ALL&size=200").body())
                .doesNotContain(code).doesNotContain("赤壁范围探针企业"));
        t.probe("GET /credit/repairs/{id}", e -> notFoundPage(page.get("/credit/repairs/" + repair)));
        t.probe("POST /credit/repairs/{id}/decision", e -> {
            page.get("/credit/repairs");
            notFoundPage(page.postForm("/credit/repairs/" + repair + "/decision", Map.of("decision", "APPROVE", "note", "x",
                    "confirmed", "true")));
            stillListed.run();
        });
        t.probe("GET /credit/blacklist/{id}/repair", e -> {
            assertThat(page.get("/credit/blacklist/" + listing + "/repair").status()).as("only enterprises apply")
                    .isEqualTo(403);
            notFoundPage(qiye.get("/credit/blacklist/" + listing + "/repair"));
        });
        t.probe("POST /credit/blacklist/{id}/repair", e -> {
            page.get("/credit/blacklist");
            assertThat(page.postForm("/credit/blacklist/" + listing + "/repair", Map.of("commitment", "c", "evidence", "e"))
                    .status()).isEqualTo(403);
            qiye.get("/");
            notFoundPage(qiye.postForm("/credit/blacklist/" + listing + "/repair", Map.of("commitment", "c", "evidence", "e")));
        });
        t.probe("GET /credit/enterprises/{creditCode}/events/new", e -> notFoundPage(page.get("/credit/enterprises/" + code
                + "/events/new")));
        t.probe("POST /credit/enterprises/{creditCode}/events", e -> {
            page.get("/credit/blacklist");
            notFoundPage(page.postForm("/credit/enterprises/" + code + "/events", Map.of("kind", "PENALTY",
                    "occurredOn", "2020-01-01", "description", "x")));
            assertThat(api.get("/api/v1/credit/enterprises/" + code, admin).json().get("events").size()).isZero();
        });
        t.probe("GET /enterprises/picker", e -> {
            assertThat(page.get("/enterprises/picker?q=赤壁范围探针").body()).doesNotContain(code);
            assertThat(page.get("/enterprises/picker?creditCode=" + code).body()).doesNotContain(code);
        });
        // announcements are city-wide and only the city publishes them: 403 to a district
        for (String endpoint : List.of("GET /spotchecks/announcements", "GET /spotchecks/announcements/new",
                "GET /spotchecks/announcements/{id}", "GET /spotchecks/announcements/{id}/edit",
                "POST /spotchecks/announcements", "POST /spotchecks/announcements/{id}",
                "POST /spotchecks/announcements/{id}/publish")) {
            t.probe(endpoint, e -> {
                page.get("/spotchecks/samples");
                String path = e.split(" ")[1].replace("{id}", "1");
                var r = e.startsWith("GET") ? page.get(path) : page.postForm(path, Map.of("title", "x",
                        "sampleIds", List.of(sample), "confirmed", "true"));
                assertThat(r.status()).as(e).isEqualTo(403);
            });
        }
    }

    private static void notFoundPage(WebSession.Page p) {
        assertThat(p.status()).isEqualTo(404);
    }
}
