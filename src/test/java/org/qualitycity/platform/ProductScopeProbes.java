package org.qualitycity.platform;

import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scope probes of the product side of issue 14 (random draws, inspector pool): 通城县 against 赤壁市's records. */
final class ProductScopeProbes {

    private ProductScopeProbes() {
    }

    private static void notFound(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        String chibi = api.token("chibi");
        String code = EnterpriseFixtures.create(api, "421281", "赤壁双随机探针企业");
        api.post("/api/v1/enterprises/" + code + "/products", Map.of("categoryCode", "PL-CEMENT", "since", "2018-01-01"), admin);
        for (int i = 0; i < 2; i++) {
            api.post("/api/v1/spotchecks/inspectors", Map.of("name", "探针检查员" + i, "unitCode", "421221-SCJG"), admin);
        }
        var draw = api.post("/api/v1/spotchecks/random-draws", Map.of("title", "赤壁市探针双随机", "categoryCode", "IND-ELEC",
                "unitCode", "421281", "sampleSize", 1, "excludeOwnDistrict", true, "overrides", List.of()), chibi);
        assertThat(draw.status()).as(draw.body()).isEqualTo(201);
        long id = draw.json().get("id").asLong();

        t.probe("GET /api/v1/spotchecks/random-draws", e -> {
            assertThat(api.get("/api/v1/spotchecks/random-draws?size=200&q=赤壁市探针", tc).json().get("total").asLong())
                    .isZero();
        });
        t.probe("GET /api/v1/spotchecks/random-draws/export", e -> assertThat(DataScopeTest.excelText(
                api.getBytes("/api/v1/spotchecks/random-draws/export", tc))).doesNotContain("赤壁市探针"));
        t.probe("POST /api/v1/spotchecks/random-draws", e -> notFound(api.post("/api/v1/spotchecks/random-draws",
                Map.of("title", "越权", "categoryCode", "IND-ELEC", "unitCode", "421281", "sampleSize", 1), tc)));
        t.probe("GET /api/v1/spotchecks/random-draws/{id}", e -> notFound(api.get("/api/v1/spotchecks/random-draws/" + id, tc)));
        t.probe("GET /api/v1/spotchecks/random-draws/{id}/verification", e ->
                notFound(api.get("/api/v1/spotchecks/random-draws/" + id + "/verification", tc)));
        t.probe("POST /api/v1/spotchecks/random-draws/{id}/publication", e -> notFound(api.post(
                "/api/v1/spotchecks/random-draws/" + id + "/publication", Map.of(), tc)));
        // the public list holds published draws only, for everyone (RandomDrawTest: an unpublished one is absent)
        t.notScoped("GET /api/v1/public/random-draws", "public: published random draws (双随机一公开)");
        t.notScoped("GET /api/v1/public/random-draws/{id}", "public: a published random draw");
        t.notScoped("GET /public/random-draws", "public page: published random draws");
        t.notScoped("GET /public/random-draws/{id:\\d+}", "public page: a published random draw");
        // ---- licence catalogue, P6 and P8 drill-downs, an enterprise's products
        t.notScoped("GET /api/v1/licence-catalogue", "the catalogue is the city's reference data");
        t.probe("POST /api/v1/licence-catalogue", e -> assertThat(api.post("/api/v1/licence-catalogue",
                Map.of("code", "TC-X", "nameZh", "x", "nameEn", "x"), tc).status()).isEqualTo(403));
        t.probe("POST /api/v1/licence-catalogue/entries", e -> assertThat(api.post("/api/v1/licence-catalogue/entries",
                Map.of("categoryCode", "PL-CEMENT", "regime", "CCC", "effectiveFrom", "2020-01-01"), tc).status()).isEqualTo(403));
        t.probe("PUT /api/v1/licence-catalogue/entries/{id}", e -> assertThat(api.put("/api/v1/licence-catalogue/entries/1",
                Map.of("effectiveFrom", "2020-01-01"), tc).status()).isEqualTo(403));
        t.probe("GET /api/v1/licence-catalogue/coverage", e -> {
            notFound(api.get("/api/v1/licence-catalogue/coverage?unit=421281", tc));
            assertThat(api.get("/api/v1/licence-catalogue/coverage", tc).body()).doesNotContain(code);
        });
        t.probe("GET /api/v1/licence-catalogue/without-standards", e -> {
            notFound(api.get("/api/v1/licence-catalogue/without-standards?unit=421281", tc));
            assertThat(api.get("/api/v1/licence-catalogue/without-standards", tc).body()).doesNotContain(code);
        });
        t.probe("GET /api/v1/enterprises/{creditCode}/products", e -> notFound(api.get("/api/v1/enterprises/" + code
                + "/products", tc)));
        t.probe("POST /api/v1/enterprises/{creditCode}/products", e -> notFound(api.post("/api/v1/enterprises/" + code
                + "/products", Map.of("categoryCode", "PL-CEMENT", "since", "2020-01-01"), tc)));

        // ---- P5 records
        t.probe("GET /api/v1/export-notifications", e -> {
            notFound(api.get("/api/v1/export-notifications?year=2019&unit=421281", tc));
            assertThat(api.get("/api/v1/export-notifications?year=2019", tc).body()).doesNotContain("421281");
        });
        t.probe("POST /api/v1/export-notifications/import", e -> {
            var r = EnterpriseFixtures.upload(api, "/api/v1/export-notifications/import", "n.xlsx",
                    EnterpriseFixtures.workbook(List.<String[]>of(new String[]{"2019-03-05", "x", "x", code, "x"})), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("row[2].creditCode");
        });
        t.probe("GET /api/v1/export-batches", e -> assertThat(api.get("/api/v1/export-batches?year=2019", tc).body())
                .doesNotContain("421281"));
        t.probe("POST /api/v1/export-batches/import", e -> {
            var r = EnterpriseFixtures.upload(api, "/api/v1/export-batches/import", "b.xlsx",
                    EnterpriseFixtures.workbook(List.<String[]>of(new String[]{"421281", "2019", "1", "x"})), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("row[2].unitCode");
        });

        // ---- pages
        WebSession page = t.tongchengPage();
        t.probe("GET /spotchecks/random-draws", e -> assertThat(page.get("/spotchecks/random-draws?size=200").body())
                .doesNotContain("赤壁市探针双随机"));
        t.probe("GET /spotchecks/random-draws/export", e -> assertThat(DataScopeTest.excelText(
                page.download("/spotchecks/random-draws/export").body())).doesNotContain("赤壁市探针"));
        t.probe("GET /spotchecks/random-draws/new", e -> assertThat(page.get("/spotchecks/random-draws/new").body())
                .doesNotContain("赤壁双随机探针企业"));
        t.probe("POST /spotchecks/random-draws", e -> {
            page.get("/spotchecks/random-draws/new");
            assertThat(page.postForm("/spotchecks/random-draws", Map.of("title", "越权", "categoryCode", "IND-ELEC",
                    "unitCode", "421281", "sampleSize", "1")).status()).isEqualTo(404);
        });
        t.probe("GET /spotchecks/random-draws/{id:\\d+}", e -> assertThat(page.get("/spotchecks/random-draws/" + id).status())
                .isEqualTo(404));
        t.probe("POST /spotchecks/random-draws/{id:\\d+}/publication", e -> {
            page.get("/spotchecks/random-draws");
            assertThat(page.postForm("/spotchecks/random-draws/" + id + "/publication", Map.of()).status())
                    .isEqualTo(404);
        });
        t.notScoped("GET /licence-catalogue", "the catalogue is the city's reference data");
        t.probe("GET /export-notifications", e -> {
            assertThat(page.get("/export-notifications?year=2019&unit=421281").status()).isEqualTo(404);
            assertThat(page.get("/export-notifications?year=2019").body()).doesNotContain(code);
        });
        t.probe("POST /export-notifications/import", e -> {
            page.get("/export-notifications");
            assertThat(page.postFile("/export-notifications/import", "n.xlsx", EnterpriseFixtures.workbook(
                    List.<String[]>of(new String[]{"2019-03-05", "x", "x", code, "x"}))).status()).isIn(302, 303);
            assertThat(page.get("/export-notifications").body()).contains("row[2].creditCode");
        });
        t.probe("POST /export-batches/import", e -> {
            page.get("/export-notifications");
            assertThat(page.postFile("/export-batches/import", "b.xlsx", EnterpriseFixtures.workbook(
                    List.<String[]>of(new String[]{"421281", "2019", "5", "x"}))).status()).isIn(302, 303);
            assertThat(page.get("/export-notifications").body()).contains("row[2].unitCode");
        });
        t.probe("GET /licence-catalogue/uncovered", e -> {
            assertThat(page.get("/licence-catalogue/uncovered?unit=421281").status()).isEqualTo(404);
            assertThat(page.get("/licence-catalogue/uncovered?size=200").body()).doesNotContain(code);
        });
        t.probe("GET /licence-catalogue/uncovered/export", e -> {
            assertThat(page.get("/licence-catalogue/uncovered/export?unit=421281").status()).isEqualTo(404);
            assertThat(DataScopeTest.excelText(page.download("/licence-catalogue/uncovered/export").body()))
                    .doesNotContain(code);
        });
        t.probe("GET /licence-catalogue/without-standards", e -> {
            assertThat(page.get("/licence-catalogue/without-standards?unit=421281").status()).isEqualTo(404);
            assertThat(page.get("/licence-catalogue/without-standards?size=200").body()).doesNotContain(code);
        });

        t.probe("GET /api/v1/spotchecks/inspectors", e -> assertThat(api.get("/api/v1/spotchecks/inspectors", tc).body())
                .doesNotContain("421221").doesNotContain("421281"));
        t.probe("POST /api/v1/spotchecks/inspectors", e -> notFound(api.post("/api/v1/spotchecks/inspectors",
                Map.of("name", "越权", "unitCode", "421281-SCJG"), tc)));
    }
}
