package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, acceptance 3 (P6 from licences by product, with drill-down to the uncovered pairs) and P8 (production
 * without standards at 31 December), in a district of their own so that only these records count.
 */
@QcIntegrationTest
class ProductCoverageTest {

    @LocalServerPort
    int port;

    private static JsonNode value(TestApi api, String token, String indicator, String period, String unit) {
        for (JsonNode r : api.get("/api/v1/analytics?dx=" + indicator + "&pe=" + period + "&ou=" + unit, token).json()
                .get("items")) {
            if (r.get("unit").asText().equals(unit) && r.get("period").asText().equals(period)) {
                return r;
            }
        }
        return null;
    }

    private static Map<String, Object> licence(String from, String to) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "PRODUCTION_LICENCE");
        m.put("number", "XK08-001-" + from.substring(0, 4));
        m.put("productScope", "通用硅酸盐水泥");
        m.put("validFrom", from);
        m.put("validTo", to);
        m.put("categoryCode", "PL-CEMENT");
        return m;
    }

    @Test
    void aLicenceExpiredOnJune30CountsAsUncoveredAtYearEndAndCoveredAgainAfterRenewal() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String unit = "PC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/units", Map.of("code", unit, "nameZh", "许可覆盖测试区", "nameEn", "Coverage test area",
                "kind", "DISTRICT", "parentCode", "421200"), admin).status()).isEqualTo(201);
        String cement = EnterpriseFixtures.create(api, unit, "覆盖率测试水泥厂");
        String furniture = EnterpriseFixtures.create(api, unit, "无标测试家具厂");

        // bad input: every field named
        var bad = api.post("/api/v1/enterprises/" + cement + "/products", Map.of("categoryCode", "NO-SUCH",
                "since", "2019-01-01", "until", "2018-01-01"), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("categoryCode", "until");

        assertThat(api.post("/api/v1/enterprises/" + cement + "/products", Map.of("categoryCode", "PL-CEMENT",
                "since", "2018-01-01"), admin).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/enterprises/" + furniture + "/products", Map.of("categoryCode", "GEN-FURNITURE",
                "since", "2018-01-01"), admin).status()).isEqualTo(201);
        var lic = api.post("/api/v1/enterprises/" + cement + "/licences", licence("2016-07-01", "2019-06-30"), admin);
        assertThat(lic.status()).as(lic.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/enterprises/" + cement + "/standards", Map.of("product", "通用硅酸盐水泥",
                "kind", "NATIONAL", "standardNo", "GB 175-2007", "declaredOn", "2018-01-01", "categoryCode", "PL-CEMENT"),
                admin).status()).isEqualTo(201);

        // the drill-down: covered while the licence is valid, uncovered at 2019 year end
        var midYear = api.get("/api/v1/licence-catalogue/coverage?unit=" + unit + "&date=2019-03-31", admin).json();
        assertThat(midYear.get("required").asLong()).isEqualTo(1);
        assertThat(midYear.get("covered").asLong()).isEqualTo(1);
        var yearEnd = api.get("/api/v1/licence-catalogue/coverage?unit=" + unit + "&date=2019-12-31", admin).json();
        assertThat(yearEnd.get("required").asLong()).isEqualTo(1);
        assertThat(yearEnd.get("covered").asLong()).isZero();
        assertThat(yearEnd.get("uncovered").get(0).get("creditCode").asText()).isEqualTo(cement);
        assertThat(yearEnd.get("uncovered").get(0).get("categoryCode").asText()).isEqualTo("PL-CEMENT");
        assertThat(yearEnd.get("uncovered").get(0).get("lastValidTo").asText()).isEqualTo("2019-06-30");
        // P8 at 2019 year end: the furniture maker has no standard for what it makes
        var noStandard = api.get("/api/v1/licence-catalogue/without-standards?unit=" + unit + "&date=2019-12-31", admin).json();
        assertThat(noStandard.findValuesAsString("creditCode")).containsExactly(furniture);

        // P6 2019 (its year-end snapshot) is 0 %, P8 2019 is 1
        Await.until("P6 2019 = 0 and P8 2019 = 1 for the test district", () -> java.util.Arrays.asList(
                        value(api, admin, "P6", "2019", unit), value(api, admin, "P8", "2019", unit)),
                rows -> rows.get(0) != null && !rows.get(0).get("value").isNull()
                        && rows.get(0).get("value").decimalValue().signum() == 0
                        && rows.get(1) != null && !rows.get(1).get("value").isNull() && rows.get(1).get("value").asInt() == 1);
        assertThat(value(api, admin, "P6", "2019", unit).get("status").asText()).isEqualTo("NOT_MET");

        // renewed in 2020 and a standard declared for the furniture: P6 2020 = 100 %, P8 2020 = 0; 2019 unchanged
        assertThat(api.post("/api/v1/enterprises/" + cement + "/licences", licence("2020-03-01", "2025-02-28"), admin)
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/enterprises/" + furniture + "/standards", Map.of("product", "办公家具",
                "kind", "ENTERPRISE", "standardNo", "Q/XN 001-2020", "declaredOn", "2020-05-01", "categoryCode",
                "GEN-FURNITURE"), admin).status()).isEqualTo(201);
        var after = api.get("/api/v1/licence-catalogue/coverage?unit=" + unit + "&date=2020-12-31", admin).json();
        assertThat(after.get("covered").asLong()).isEqualTo(1);
        assertThat(after.get("uncovered")).isEmpty();
        Await.until("P6 2020 = 100 and P8 2020 = 0 for the test district", () -> java.util.Arrays.asList(
                        value(api, admin, "P6", "2020", unit), value(api, admin, "P8", "2020", unit)),
                rows -> rows.get(0) != null && !rows.get(0).get("value").isNull()
                        && rows.get(0).get("value").decimalValue().compareTo(java.math.BigDecimal.valueOf(100)) == 0
                        && rows.get(1) != null && (rows.get(1).get("value").isNull() || rows.get(1).get("value").asInt() == 0));
        assertThat(value(api, admin, "P6", "2019", unit).get("value").decimalValue().signum()).isZero();
        assertThat(value(api, admin, "P8", "2019", unit).get("value").asInt()).isEqualTo(1);
    }

    @Test
    void theCatalogueIsDataWithEffectiveDatesEditableAndAudited() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        JsonNode all = api.get("/api/v1/licence-catalogue", admin).json();
        assertThat(all.findValuesAsString("code")).contains("PL-CEMENT", "CCC-GAS", "GEN-FURNITURE");
        String code = "T-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/licence-catalogue", Map.of("code", code, "nameZh", "测试类别", "nameEn", "Test category"),
                admin).status()).isEqualTo(201);
        var badEntry = api.post("/api/v1/licence-catalogue/entries", Map.of("categoryCode", code, "regime", "OTHER",
                "effectiveFrom", "2020-01-01"), admin);
        assertThat(badEntry.status()).isEqualTo(400);
        assertThat(badEntry.json().get("errors").findValuesAsString("field")).containsExactly("regime");
        var entry = api.post("/api/v1/licence-catalogue/entries", Map.of("categoryCode", code, "regime", "CCC",
                "effectiveFrom", "2020-01-01", "basis", "测试公告"), admin);
        assertThat(entry.status()).as(entry.body()).isEqualTo(201);
        long id = entry.json().get("id").asLong();
        var closed = api.put("/api/v1/licence-catalogue/entries/" + id, Map.of("effectiveFrom", "2020-01-01",
                "effectiveTo", "2021-12-31", "basis", "测试公告（取消）"), admin);
        assertThat(closed.json().get("effectiveTo").asText()).isEqualTo("2021-12-31");
        var trail = api.get("/api/v1/audit?module=enterprise&entityType=licence-catalogue&entityId=" + id
                + "&size=10&sort=id&dir=asc", api.token("auditadmin")).json().get("items");
        assertThat(trail.findValuesAsString("action")).containsExactly("CREATE", "UPDATE");
        // a district officer may read it, not change it
        assertThat(api.get("/api/v1/licence-catalogue", api.token("tongcheng")).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/licence-catalogue", Map.of("code", code + "X", "nameZh", "x", "nameEn", "x"),
                api.token("tongcheng")).status()).isEqualTo(403);
    }

    /**
     * Acceptance 6 (product part): P6 and P8 are the provider's counts of records, never generated figures: the demo
     * generator of indicator values leaves every indicator whose elements a module supplies to that module, so the
     * stored P6_REQUIRED and P8_NO_STANDARD of an area equal the counts of its records (with QC_DEMO=false no generator
     * runs at all). P5 has no provider yet: its values come from explicit reports only.
     */
    @Test
    void p6AndP8AreCountsOfRecordsNotGeneratedValues() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        for (String area : List.of("421223", "421224")) {
            long required = api.get("/api/v1/licence-catalogue/coverage?unit=" + area + "&date=2019-12-31", admin).json()
                    .get("required").asLong();
            long without = api.get("/api/v1/licence-catalogue/without-standards?unit=" + area + "&date=2019-12-31", admin)
                    .json().size();
            JsonNode stored = Await.until("P6 and P8 of " + area + " for 2019Q4 stored",
                    () -> api.get("/api/v1/indicator-values?unitCode=" + area + "&period=2019Q4&size=500", admin).json(),
                    json -> json.get("items").findValuesAsString("element").containsAll(List.of("P6_REQUIRED")));
            for (JsonNode v : stored.get("items")) {
                String element = v.get("element").asText();
                if (element.equals("P6_REQUIRED")) {
                    assertThat(v.get("value").asLong()).as(area).isEqualTo(required);
                }
                if (element.equals("P8_NO_STANDARD")) {
                    assertThat(v.get("value").asLong()).as(area).isEqualTo(without);
                }
            }
        }
    }
}
