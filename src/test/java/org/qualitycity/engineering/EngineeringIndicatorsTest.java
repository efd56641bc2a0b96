package org.qualitycity.engineering;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.engineering.EngineeringFixtures.accept;
import static org.qualitycity.engineering.EngineeringFixtures.create;
import static org.qualitycity.engineering.EngineeringFixtures.project;

/**
 * Issue 14, engineering: E1–E6 come from the project records (acceptance items 1, 2 and 6). The fixture lives in
 * 2016, before the demo projects (2017 on), in two fresh districts, so that the districts' and the city's values
 * are the hand-computed ones below.
 */
@QcIntegrationTest
class EngineeringIndicatorsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void e1ToE6AreComputedFromTheProjectsWithDrillDownAndAFirstTimeFailureTurnsE1Red() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String a = EngineeringFixtures.district(api, "工程测试甲区");
        String b = EngineeringFixtures.district(api, "工程测试乙区");
        // district A: a1 large public building, a2 medium residential (fails first, passes re-acceptance),
        // a3 small affordable housing, a4 affordable housing, medium by floor area
        long a1 = create(api, admin, project(a, "PUBLIC_BUILDING", 20000, Map.of("startDate", "2015-03-01",
                "energyReview", "PASSED")));
        long a2 = create(api, admin, project(a, "RESIDENTIAL", 5000, Map.of("permitDate", "2016-01-02",
                "startDate", "2016-01-10", "energyReview", "PASSED")));
        long a3 = create(api, admin, project(a, "AFFORDABLE_HOUSING", 500, Map.of("startDate", "2016-02-01",
                "energyReview", "FAILED", "floorArea", 2000)));
        long a4 = create(api, admin, project(a, "AFFORDABLE_HOUSING", 800, Map.of("startDate", "2016-01-20",
                "energyReview", "PASSED", "floorArea", 20000)));
        // district B: b1 large infrastructure, b2 large residential
        long b1 = create(api, admin, project(b, "INFRASTRUCTURE", 30000, Map.of("startDate", "2014-05-01")));
        long b2 = create(api, admin, project(b, "RESIDENTIAL", 12000, Map.of("startDate", "2016-01-05",
                "energyReview", "PASSED")));
        assertThat(api.get("/api/v1/projects/" + a4, admin).json().get("project").get("sizeClass").asText())
                .as("medium by its floor area (threshold 10 000 m²)").isEqualTo("MEDIUM");
        assertThat(api.get("/api/v1/projects/" + a3, admin).json().get("project").get("sizeClass").asText()).isEqualTo("SMALL");

        assertThat(accept(api, admin, a1, "2016-03-10", true).status()).isEqualTo(201);
        assertThat(accept(api, admin, a3, "2016-04-01", true).status()).isEqualTo(201);
        assertThat(accept(api, admin, a4, "2016-11-05", true).status()).isEqualTo(201);
        assertThat(accept(api, admin, b1, "2016-02-10", true).status()).isEqualTo(201);
        assertThat(accept(api, admin, b2, "2016-09-01", true).status()).isEqualTo(201);
        // before a2's acceptance: A's large and medium projects all passed at the first attempt
        JsonNode green = await(api, admin, "E1", "2016", a, "100");
        assertThat(green.get("status").asText()).isEqualTo("MET");

        // acceptance item 2: a2 fails its first acceptance; E1 of A turns red on the next recompute
        assertThat(accept(api, admin, a2, "2016-05-20", false).status()).isEqualTo(201);
        JsonNode red = await(api, admin, "E1", "2016", a, "66.6667");
        assertThat(red.get("status").asText()).isEqualTo("NOT_MET");
        JsonNode explained = api.get("/api/v1/indicators/E1/units/" + a + "/periods/2016", admin).json();
        String href = null;
        for (JsonNode l : explained.get("recordLinks")) {
            if (l.get("element").asText().equals("E1_ACCEPTED")) {
                href = l.get("href").asText();
            }
        }
        assertThat(href).isEqualTo("/projects?indicator=E1&unit=" + a + "&period=2016");
        JsonNode behind = api.get("/api/v1" + href + "&size=50", admin).json();
        assertThat(ids(behind)).containsExactlyInAnyOrder(a1, a2, a4);
        assertThat(ids(api.get("/api/v1" + href + "&firstResult=FAIL", admin).json())).containsExactly(a2);
        // a re-acceptance passes: E2 counts it as passed, E1 keeps the first result
        assertThat(accept(api, admin, a2, "2016-06-15", true).status()).isEqualTo(201);
        assertThat(accept(api, admin, a2, "2016-07-15", true).status()).as("already accepted").isEqualTo(409);

        // E4: a Luban Prize in A, a Chutian Cup in B, another award that does not count; E5: one accident in A
        assertThat(api.post("/api/v1/awards", Map.of("projectId", a1, "kind", "LUBAN", "title", "2016年度鲁班奖",
                "year", 2016, "awardedOn", "2016-12-01", "enterpriseCodes", List.of()), admin).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/awards", Map.of("projectId", b2, "kind", "CHUTIAN", "title", "2016年度楚天杯",
                "year", 2016, "awardedOn", "2016-10-01"), admin).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/awards", Map.of("projectId", a2, "kind", "OTHER", "title", "市优质结构工程",
                "year", 2016, "awardedOn", "2016-08-01"), admin).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accidents", Map.of("projectId", a1, "grade", "GENERAL", "occurredOn", "2016-08-08",
                "directLoss", 35.5, "description", "模板支撑局部失稳"), admin).status()).isEqualTo(201);

        // acceptance item 1, by hand:
        // E1 large/medium first-time: A a1 ✓ a2 ✗ a4 ✓ = 2/3; B b1 ✓ b2 ✓ = 2/2; city 4/5 = 80
        // E2 residential (incl. affordable) passed: A a2 (re-acceptance) a3 a4 = 3/3; B b2 = 1/1; city 4/4
        // E3 affordable first-time: A a3 a4 = 2/2; B none; city 2/2
        // E4 Luban/Chutian: A 1, B 1, city 2; E5 accidents: A 1, B 0, city 1
        // E6 started in 2016 with a passed energy review: A a2 ✓ a3 ✗ a4 ✓ = 2/3; B b2 = 1/1; city 3/4 = 75
        Map<String, String> expected = new HashMap<>();
        expected.put("E1|" + a, "66.6667");
        expected.put("E1|" + b, "100");
        expected.put("E1|421200", "80");
        expected.put("E2|" + a, "100");
        expected.put("E2|" + b, "100");
        expected.put("E2|421200", "100");
        expected.put("E3|" + a, "100");
        expected.put("E3|421200", "100");
        expected.put("E4|" + a, "1");
        expected.put("E4|" + b, "1");
        expected.put("E4|421200", "2");
        expected.put("E5|" + a, "1");
        expected.put("E5|" + b, "0");
        expected.put("E5|421200", "1");
        expected.put("E6|" + a, "66.6667");
        expected.put("E6|" + b, "100");
        expected.put("E6|421200", "75");
        Map<String, String> found = Await.until("E1–E6 of 2016 as computed by hand", () -> values(api, admin, a, b),
                v -> v.equals(expected));
        assertThat(found).isEqualTo(expected);
        JsonNode cityE1 = row(api.get("/api/v1/analytics?dx=E1&pe=2016&ou=421200", admin).json().get("items"), "E1",
                "2016", "421200");
        assertThat(cityE1.get("numerator").decimalValue()).isEqualByComparingTo("4");
        assertThat(cityE1.get("denominator").decimalValue()).isEqualByComparingTo("5");
        // the quarter of the failure is red too, the first quarter green
        JsonNode quarters = api.get("/api/v1/analytics?dx=E1&pe=2016Q1;2016Q2&ou=" + a, admin).json().get("items");
        assertThat(row(quarters, "E1", "2016Q1", a).get("status").asText()).isEqualTo("MET");
        assertThat(row(quarters, "E1", "2016Q2", a).get("status").asText()).isEqualTo("NOT_MET");
        // drill-down of the other indicators lists the records behind them
        assertThat(ids(api.get("/api/v1/projects?indicator=E6&period=2016&unit=" + a + "&energyReview=PASSED", admin)
                .json())).containsExactlyInAnyOrder(a2, a4);
        assertThat(ids(api.get("/api/v1/projects?indicator=E4&period=2016&unit=" + b, admin).json())).containsExactly(b2);
        assertThat(ids(api.get("/api/v1/projects?indicator=E5&period=2016Q3&unit=" + a, admin).json())).containsExactly(a1);
    }

    /** Acceptance item 6: no E1–E6 value is generated; every one is computed from the records (none demo-generated). */
    @Test
    void noEngineeringValueIsGenerated() {
        List<String> elements = List.of("E1_PASSED_FIRST", "E1_ACCEPTED", "E2_PASSED", "E2_ACCEPTED", "E3_PASSED_FIRST",
                "E3_ACCEPTED", "E4_AWARDS", "E5_ACCIDENTS", "E6_COMPLIANT", "E6_STARTED");
        // the demo generator writes one value per period of the indicator (quarters, years); the provider per month
        long generated = jdbc.sql("SELECT count(*) FROM indicator_value WHERE element_code IN (:e) "
                        + "AND element_code <> 'E4_AWARDS' AND (period_type <> 'MONTH' OR source <> 'COMPUTED')")
                .param("e", elements).query(Long.class).single();
        assertThat(generated).as("E1–E3, E5, E6 values generated or typed in").isZero();
        // E4: the stored counts add up to the awards on record (a generator would invent counts per district and year)
        Await.until("E4 equals the awards on record", () -> new long[]{
                jdbc.sql("SELECT COALESCE(sum(value), 0)::bigint FROM indicator_value WHERE element_code = 'E4_AWARDS'")
                        .query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM engineering_award WHERE kind IN ('LUBAN', 'CHUTIAN')")
                        .query(Long.class).single()}, v -> v[0] == v[1]);
        assertThat(jdbc.sql("SELECT count(*) FROM indicator_value WHERE element_code = 'E4_AWARDS' AND source <> 'COMPUTED'")
                .query(Long.class).single()).isZero();
        // what is stored is what the records give: the 2019 denominators of E1 add up to the projects behind them
        BigDecimal stored = jdbc.sql("SELECT COALESCE(sum(value), 0) FROM indicator_value WHERE element_code = 'E1_ACCEPTED' "
                + "AND period LIKE '2019%'").query(BigDecimal.class).single();
        long records = jdbc.sql("""
                SELECT count(*) FROM engineering_acceptance a JOIN engineering_project_class c ON c.id = a.project_id
                WHERE a.attempt = 1 AND c.size_class IN ('LARGE', 'MEDIUM') AND extract(year FROM a.accepted_on) = 2019""")
                .query(Long.class).single();
        assertThat(stored).isEqualByComparingTo(BigDecimal.valueOf(records));
        // and the plan says so: E1–E6 are computed by the engineering module, not reported
        for (String code : List.of("E1", "E2", "E3", "E4", "E5", "E6")) {
            String reported = jdbc.sql("SELECT string_agg(DISTINCT source, ',') FROM indicator_value WHERE element_code LIKE :c")
                    .param("c", code + "\\_%").query(String.class).optional().orElse(null);
            assertThat(reported == null || reported.equals("COMPUTED")).as(code + ": " + reported).isTrue();
        }
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new java.util.ArrayList<>();
        page.get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    private static JsonNode await(TestApi api, String token, String indicator, String period, String unit, String value) {
        return Await.until(indicator + " " + period + " of " + unit + " = " + value, () -> {
            var items = api.get("/api/v1/analytics?dx=" + indicator + "&pe=" + period + "&ou=" + unit, token).json()
                    .get("items");
            for (JsonNode r : items) {
                if (r.get("unit").asText().equals(unit) && r.get("period").asText().equals(period)
                        && !r.get("value").isNull()) {
                    return r;
                }
            }
            return null;
        }, r -> r != null && r.get("value").decimalValue().setScale(4, java.math.RoundingMode.HALF_UP)
                .compareTo(new BigDecimal(value).setScale(4, java.math.RoundingMode.HALF_UP)) == 0);
    }

    private static Map<String, String> values(TestApi api, String token, String a, String b) {
        Map<String, String> out = new HashMap<>();
        var items = api.get("/api/v1/analytics?dx=E1;E2;E3;E4;E5;E6&pe=2016&ou=421200;" + a + ";" + b, token).json()
                .get("items");
        for (JsonNode r : items) {
            if (r.get("period").asText().equals("2016") && !r.get("value").isNull()) {
                out.put(r.get("indicator").asText() + "|" + r.get("unit").asText(), r.get("value").decimalValue()
                        .setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
            }
        }
        return out;
    }

    private static JsonNode row(JsonNode items, String indicator, String period, String unit) {
        for (JsonNode r : items) {
            if (r.get("indicator").asText().equals(indicator) && r.get("period").asText().equals(period)
                    && r.get("unit").asText().equals(unit)) {
                return r;
            }
        }
        throw new AssertionError("no row " + indicator + " " + period + " " + unit + " in " + items);
    }
}
