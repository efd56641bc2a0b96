package org.qualitycity.indicator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue "The plan as data, and the indicator engine": aggregation, workflow, analytics, early warning. */
@QcIntegrationTest
class IndicatorEngineTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private TestApi api() {
        return new TestApi(port);
    }

    private void saveAndSubmit(TestApi api, String token, String unit, String period, Map<String, Integer> values) {
        List<Map<String, Object>> entries = values.entrySet().stream()
                .map(e -> Map.<String, Object>of("element", e.getKey(), "value", e.getValue())).toList();
        var saved = api.put("/api/v1/indicator-values", Map.of("unitCode", unit, "period", period, "values", entries), token);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        List<Map<String, String>> keys = values.keySet().stream()
                .map(e -> Map.of("element", e, "unitCode", unit, "period", period)).toList();
        var submitted = api.post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", keys), token);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    }

    private JsonNode analytics(TestApi api, String token, String dx, String pe, String ou) {
        var r = api.get("/api/v1/analytics?dx=" + dx + "&pe=" + pe + "&ou=" + ou, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("items");
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

    @Test
    void ratesAggregateBySummingNumeratorsAndDenominatorsNotByAveragingPercentages() {
        TestApi api = api();
        String admin = api.token("admin");
        // 2016 is before the demo data starts: only these two districts report G6 (target at least 85 %) for 2016Q1
        saveAndSubmit(api, admin, "421221", "2016Q1", Map.of("G6_TREATED", 9, "G6_DISCHARGED", 10));
        saveAndSubmit(api, admin, "421223", "2016Q1", Map.of("G6_TREATED", 70, "G6_DISCHARGED", 100));
        JsonNode items = analytics(api, admin, "G6", "2016Q1;2016", "421200;421221;421223");
        assertThat(row(items, "G6", "2016Q1", "421221").get("value").decimalValue()).isEqualByComparingTo("90");
        assertThat(row(items, "G6", "2016Q1", "421223").get("value").decimalValue()).isEqualByComparingTo("70");
        JsonNode city = row(items, "G6", "2016Q1", "421200");
        assertThat(city.get("numerator").decimalValue()).isEqualByComparingTo("79");
        assertThat(city.get("denominator").decimalValue()).isEqualByComparingTo("110");
        assertThat(city.get("value").decimalValue().setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("71.82");
        assertThat(city.get("status").asText()).isEqualTo("NOT_MET");
        // the year aggregates the quarter the same way
        assertThat(row(items, "G6", "2016", "421200").get("denominator").decimalValue()).isEqualByComparingTo("110");
    }

    @Test
    void submitReturnFixResubmitApproveLocksTheValueWithEveryStepAudited() {
        TestApi api = api();
        String tongcheng = api.token("tongcheng");
        String admin = api.token("admin");
        String period = "2016Q2";
        saveAndSubmit(api, tongcheng, "421222", period, Map.of("G4_VILLAGES_TREATED", 11, "G4_VILLAGES", 12));

        // a district officer may not approve (no permission), nor see another district's drafts
        var selfApprove = api.post("/api/v1/indicator-values/actions", Map.of("action", "APPROVE",
                "keys", List.of(Map.of("element", "G4_VILLAGES_TREATED", "unitCode", "421222", "period", period))), tongcheng);
        assertThat(selfApprove.status()).isEqualTo(403);
        var chibiView = api.get("/api/v1/indicator-values?unitCode=421222&period=" + period, api.token("chibi"));
        assertThat(chibiView.json().get("total").asLong()).isZero();

        // the city returns one value with a comment
        var key = Map.of("element", "G4_VILLAGES_TREATED", "unitCode", "421222", "period", period);
        var noComment = api.post("/api/v1/indicator-values/actions", Map.of("action", "RETURN", "keys", List.of(key)), admin);
        assertThat(noComment.status()).isEqualTo(400);
        var returned = api.post("/api/v1/indicator-values/actions", Map.of("action", "RETURN", "keys", List.of(key),
                "comment", "请核对合格数"), admin);
        assertThat(returned.json().get(0).get("status").asText()).isEqualTo("RETURNED");
        assertThat(returned.json().get(0).get("comment").asText()).isEqualTo("请核对合格数");

        // the officer fixes and resubmits; the city approves both
        saveAndSubmit(api, tongcheng, "421222", period, Map.of("G4_VILLAGES_TREATED", 12));
        var approve = api.post("/api/v1/indicator-values/actions", Map.of("action", "APPROVE", "keys", List.of(key,
                Map.of("element", "G4_VILLAGES", "unitCode", "421222", "period", period))), admin);
        assertThat(approve.status()).as(approve.body()).isEqualTo(200);
        assertThat(approve.json().findValuesAsString("status")).containsOnly("APPROVED");

        // locked: no change without reopening with a reason
        var change = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", period,
                "values", List.of(Map.of("element", "G4_VILLAGES_TREATED", "value", 10))), tongcheng);
        assertThat(change.status()).isEqualTo(409);
        var reopenNoReason = api.post("/api/v1/indicator-values/actions", Map.of("action", "REOPEN", "keys", List.of(key)), admin);
        assertThat(reopenNoReason.status()).isEqualTo(400);

        // every step is in the audit trail
        var trail = api.get("/api/v1/audit?module=indicator&entityType=value&entityId=G4_VILLAGES_TREATED%7C421222%7C" + period
                + "&size=50&sort=id&dir=asc", api.token("auditor")).json().get("items");
        assertThat(trail.findValuesAsString("action")).containsExactly("SAVE", "SUBMIT", "RETURN", "SAVE", "SUBMIT", "APPROVE");

        // approved data is public; the result is approved
        var pub = api.get("/api/v1/public/analytics?dx=G4&pe=" + period + "&ou=421222", null);
        assertThat(pub.status()).isEqualTo(200);
        assertThat(row(pub.json().get("items"), "G4", period, "421222").get("value").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void nobodyReviewsTheirOwnSubmission() {
        TestApi api = api();
        String admin = api.token("admin");
        saveAndSubmit(api, admin, "421224", "2016Q3", Map.of("G4_VILLAGES_TREATED", 5, "G4_VILLAGES", 5));
        var r = api.post("/api/v1/indicator-values/actions", Map.of("action", "APPROVE", "keys",
                List.of(Map.of("element", "G4_VILLAGES_TREATED", "unitCode", "421224", "period", "2016Q3"))), admin);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asText()).contains("审核人不是该数据的报送人");
        assertThat(r.json().get("guard").asText()).isEqualTo("no review of an own submission");
    }

    @Test
    void validationNamesTheFieldAndFlagsOutliers() {
        TestApi api = api();
        String admin = api.token("admin");
        var r = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", "2016Q4", "values", List.of(
                Map.of("element", "G4_VILLAGES_TREATED", "value", 13), Map.of("element", "G4_VILLAGES", "value", 12))), admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("values[0].value");
        var negative = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", "2016Q4", "values",
                List.of(Map.of("element", "G4_VILLAGES", "value", -1))), admin);
        assertThat(negative.json().get("errors").get(0).get("field").asText()).isEqualTo("values[0].value");
        // messages in the request's language (issue 12: no English-only validation messages)
        var computed = api.put("/api/v1/indicator-values?lang=en", Map.of("unitCode", "421222", "period", "2016Q4", "values",
                List.of(Map.of("element", "P2_PASSED", "value", 1))), admin);
        assertThat(computed.status()).isEqualTo(400);
        assertThat(computed.json().get("errors").get(0).get("message").asText()).contains("computed");
        var computedZh = api.put("/api/v1/indicator-values?lang=zh-CN", Map.of("unitCode", "421222", "period", "2016Q4",
                "values", List.of(Map.of("element", "P2_PASSED", "value", 1))), admin);
        assertThat(computedZh.json().get("errors").get(0).get("message").asText()).contains("自动计算").doesNotContain("computed");
        var wrongPeriod = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", "201604", "values",
                List.of(Map.of("element", "G4_VILLAGES", "value", 3))), admin);
        assertThat(wrongPeriod.json().get("errors").get(0).get("field").asText()).isEqualTo("period");
        // an outlier is saved with a warning flag: 通城县 has years of G4 volumes of a few dozen per quarter
        var outlier = api.put("/api/v1/indicator-values?lang=en", Map.of("unitCode", "421222", "period", "2026Q4", "values",
                List.of(Map.of("element", "G4_VILLAGES", "value", 900))), admin);
        assertThat(outlier.status()).as(outlier.body()).isEqualTo(200);
        assertThat(outlier.json().get(0).get("flag").asText()).contains("far from");
    }

    @Test
    void theAnalyticsExampleAnswersFromTheRecordsWithinScope() {
        TestApi api = api();
        String admin = api.token("admin");
        JsonNode items = analytics(api, admin, "P2;W2", "2018;2018Q2", "421222;LEVEL-2");
        JsonNode tc = row(items, "P2", "2018Q2", "421222");
        // recompute independently from the stored element values
        BigDecimal passed = jdbc.sql("""
                SELECT sum(v.value) FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                WHERE v.element_code = :e AND u.path LIKE (SELECT path FROM platform_unit WHERE code = '421222') || '%'
                  AND v.period_start >= DATE '2018-04-01' AND v.period_end <= DATE '2018-06-30'
                  AND v.status IN ('SUBMITTED', 'APPROVED')
                """).param("e", "P2_PASSED").query(BigDecimal.class).single();
        BigDecimal tested = jdbc.sql("""
                SELECT sum(v.value) FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                WHERE v.element_code = :e AND u.path LIKE (SELECT path FROM platform_unit WHERE code = '421222') || '%'
                  AND v.period_start >= DATE '2018-04-01' AND v.period_end <= DATE '2018-06-30'
                  AND v.status IN ('SUBMITTED', 'APPROVED')
                """).param("e", "P2_TESTED").query(BigDecimal.class).single();
        assertThat(tc.get("numerator").decimalValue()).isEqualByComparingTo(passed);
        assertThat(tc.get("denominator").decimalValue()).isEqualByComparingTo(tested);
        BigDecimal expected = passed.multiply(BigDecimal.valueOf(100)).divide(tested, 4, RoundingMode.HALF_UP);
        assertThat(tc.get("value").decimalValue().setScale(4, RoundingMode.HALF_UP)).isEqualByComparingTo(expected);
        assertThat(tc.get("target").decimalValue()).isEqualByComparingTo("95");
        assertThat(tc.get("status").asText()).isEqualTo(expected.compareTo(BigDecimal.valueOf(95)) >= 0 ? "MET" : "NOT_MET");
        // W2 is the group of W2a, W2b, W2c; LEVEL-2 brings in every district
        assertThat(items.findValuesAsString("indicator")).contains("W2a", "W2b", "W2c", "P2");
        assertThat(items.findValuesAsString("unit")).contains("421202", "421281", "421200GX");

        // a district officer gets only its own district, whatever it asks for
        JsonNode scoped = analytics(api, api.token("tongcheng"), "P2", "2018", "421281;LEVEL-2;421222");
        assertThat(scoped.findValuesAsString("unit")).containsOnly("421222");

        // CSV and Excel by format
        var csv = api.send("GET", "/api/v1/analytics?dx=P2&pe=2018&ou=421222&format=csv", null, admin, null);
        assertThat(csv.body()).startsWith("indicator,period,unit,value").contains("P2,2018,421222,");
        byte[] xlsx = api.getBytes("/api/v1/analytics?dx=P2&pe=2018&ou=421222&format=xlsx", admin);
        assertThat(xlsx.length).isGreaterThan(1000);
    }

    @Test
    void thePublicEndpointReturnsOnlyApprovedValues() {
        TestApi api = api();
        String admin = api.token("admin");
        saveAndSubmit(api, admin, "421281", "2016Q1", Map.of("G4_VILLAGES_TREATED", 4, "G4_VILLAGES", 4));
        var internal = analytics(api, admin, "G4", "2016Q1", "421281");
        assertThat(row(internal, "G4", "2016Q1", "421281").get("approved").asBoolean()).isFalse();
        var pub = api.get("/api/v1/public/analytics?dx=G4&pe=2016Q1&ou=421281", null);
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.json().get("items")).isEmpty();
        // a draft does not even reach the internal result
        api.put("/api/v1/indicator-values", Map.of("unitCode", "421281", "period", "2016Q2", "values",
                List.of(Map.of("element", "G4_VILLAGES_TREATED", "value", 1), Map.of("element", "G4_VILLAGES", "value", 2))), admin);
        var draft = analytics(api, admin, "G4", "2016Q2", "421281");
        assertThat(row(draft, "G4", "2016Q2", "421281").get("status").asText()).isEqualTo("NO_DATA");
    }

    @Test
    void aProjectedMissShowsAsAtRiskWithTheProjectionAndMethod() {
        TestApi api = api();
        String admin = api.token("admin");
        String code = "RISK-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var unit = api.post("/api/v1/units", Map.of("code", code, "nameZh", "风险测试区", "nameEn", "Risk test",
                "kind", "DISTRICT", "parentCode", "421200"), admin);
        assertThat(unit.status()).isEqualTo(201);
        clock.set(Instant.parse("2026-11-15T02:00:00Z"));
        // G4 ≥ 90 %: 100 % and 90 % in the first half, then 80 % in Q3: exactly 90 % so far, heading below it
        saveAndSubmit(api, admin, code, "2026Q1", Map.of("G4_VILLAGES_TREATED", 100, "G4_VILLAGES", 100));
        saveAndSubmit(api, admin, code, "2026Q2", Map.of("G4_VILLAGES_TREATED", 90, "G4_VILLAGES", 100));
        saveAndSubmit(api, admin, code, "2026Q3", Map.of("G4_VILLAGES_TREATED", 80, "G4_VILLAGES", 100));
        JsonNode year = row(analytics(api, admin, "G4", "2026", code), "G4", "2026", code);
        assertThat(year.get("value").decimalValue()).isEqualByComparingTo("90");
        assertThat(year.get("projection").decimalValue()).isLessThan(new BigDecimal("90"));
        assertThat(year.get("projectionMethod").asText()).startsWith("RATE_RECENT:3/4");
        assertThat(year.get("status").asText()).isEqualTo("AT_RISK");
        var warnings = api.get("/api/v1/early-warnings?year=2026&status=AT_RISK&unitCode=" + code, admin).json()
                .get("items");
        assertThat(row(warnings, "G4", "2026", code).get("projection").decimalValue()).isLessThan(new BigDecimal("90"));
        // the early-warning page shows it with the projection and its method
        var page = org.qualitycity.support.WebSession.loggedIn(port, "admin")
                .get("/indicators/warnings?year=2026&status=AT_RISK&unitCode=" + code + "&lang=zh-CN");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("G4").contains("风险测试区").contains("87.5").contains("预测");
    }

    @Test
    void anExcelUploadWithOneBadCellAmongAHundredRowsChangesNothingAndNamesRowAndColumn() {
        TestApi api = api();
        String admin = api.token("admin");
        List<Object[]> rows = new java.util.ArrayList<>();
        String[] units = {"421202", "421221", "421222", "421223", "421224", "421281", "421200GX"};
        // 2015: no data at all before this test; 7 units × 4 quarters × 2 elements × 2 indicators > 100 rows
        for (String u : units) {
            for (int q = 1; q <= 4; q++) {
                rows.add(new Object[]{u, "G4_VILLAGES_TREATED", "2015Q" + q, 8});
                rows.add(new Object[]{u, "G4_VILLAGES", "2015Q" + q, 8});
                rows.add(new Object[]{u, "G6_TREATED", "2015Q" + q, 2});
                rows.add(new Object[]{u, "G6_DISCHARGED", "2015Q" + q, 2});
            }
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        assertThat(rows.get(56)).containsExactly("421223", "G4_VILLAGES_TREATED", "2015Q3", 8);
        rows.set(56, new Object[]{"421223", "G4_VILLAGES_TREATED", "2015Q3", "十二"});
        var bad = IndicatorUploadSupport.upload(api, admin, rows);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("errors")).hasSize(1);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("row 58, column G");
        long stored = jdbc.sql("SELECT count(*) FROM indicator_value WHERE period LIKE '2015%' AND element_code LIKE 'G%'").query(Long.class).single();
        assertThat(stored).isZero();

        rows.set(56, new Object[]{"421223", "G4_VILLAGES_TREATED", "2015Q3", 8});
        var good = IndicatorUploadSupport.upload(api, admin, rows);
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.json().get("saved").asInt()).isEqualTo(rows.size());
        assertThat(jdbc.sql("SELECT count(*) FROM indicator_value WHERE period LIKE '2015%' AND element_code LIKE 'G%' AND status = 'DRAFT'")
                .query(Long.class).single()).isEqualTo(rows.size());
    }

    @Test
    void theTemplateListsWhatTheUserReports() throws Exception {
        TestApi api = api();
        byte[] xlsx = api.getBytes("/api/v1/indicator-values/template?period=2016Q1&unitCode=421222", api.token("tongcheng"));
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            List<String> elements = new java.util.ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                elements.add(sheet.getRow(i).getCell(2).getStringCellValue());
            }
            assertThat(elements).contains("G6_TREATED", "G4_VILLAGES").doesNotContain("E1_PASSED_FIRST", "E2_ACCEPTED", "P2_PASSED");
        }
    }

    @Test
    void yearOnYearTargetsCompareWithTheSamePeriodOfThePreviousYear() {
        TestApi api = api();
        String admin = api.token("admin");
        // W1a: approval items in force must fall year on year (demo data: city level, yearly)
        JsonNode items = analytics(api, admin, "W1a", "2018;2019;2020", "421200");
        for (String year : List.of("2019", "2020")) {
            JsonNode now = row(items, "W1a", year, "421200");
            JsonNode before = row(items, "W1a", String.valueOf(Integer.parseInt(year) - 1), "421200");
            String expected = now.get("value").decimalValue().compareTo(before.get("value").decimalValue()) < 0
                    ? "MET" : "NOT_MET";
            assertThat(now.get("status").asText()).as("W1a " + year).isEqualTo(expected);
        }
    }

    @Test
    void reportingCompletenessAndTimelinessPerResponsibleUnit() {
        TestApi api = api();
        String admin = api.token("admin");
        JsonNode y2019 = api.get("/api/v1/indicators/reporting?year=2019", admin).json();
        JsonNode zjj = null;
        for (JsonNode r : y2019) {
            if (r.get("unitCode").asText().equals("421200-ZJJ")) {
                zjj = r;
            }
        }
        assertThat(zjj).as("住建局 reports G4, G6 for every area (E1–E6 are computed from project records)").isNotNull();
        // areas × 4 quarters × (G4, G6: 2 elements each) + C8, once for the city;
        // other tests may have added districts, which have no demo data
        long areas = 0;
        for (JsonNode u : api.get("/api/v1/units", admin).json()) {
            String kind = u.get("kind").asText();
            areas += kind.equals("DISTRICT") || kind.equals("ZONE") ? 1 : 0;
        }
        assertThat(zjj.get("expected").asInt()).isEqualTo((int) areas * 4 * 4 + 1);
        assertThat(zjj.get("reported").asInt()).isEqualTo(7 * 4 * 4 + 1);
        assertThat(zjj.get("onTime").asInt()).isPositive().isLessThan(zjj.get("reported").asInt());
        // a 2016 value submitted today is years past its deadline: reported, not on time
        saveAndSubmit(api, admin, "421202", "2016Q4", Map.of("G4_VILLAGES_TREATED", 3, "G4_VILLAGES", 3));
        JsonNode y2016 = api.get("/api/v1/indicators/reporting?year=2016", admin).json();
        for (JsonNode r : y2016) {
            if (r.get("unitCode").asText().equals("421200-ZJJ")) {
                assertThat(r.get("reported").asInt()).isPositive();
                assertThat(r.get("onTime").asInt()).isZero();
                return;
            }
        }
        throw new AssertionError("no 2016 rate for 421200-ZJJ: " + y2016);
    }
}
