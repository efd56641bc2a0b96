package org.qualitycity.indicator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.indicator.internal.RecomputeEngine;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, items 3 and 4 and acceptance 3: the engine holds to the plan's rules — running totals from the
 * plan's start to the due date, "in each sector", aligned count windows, stocks at period end, projections
 * in the last quarter, later years recomputed, ratings with evidence, "keeps rising" — and every status says
 * what it was compared with.
 */
@QcIntegrationTest
class IndicatorPlanRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    RecomputeEngine engine;

    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<Runnable> recomputes = new ArrayList<>();

    /** Removes what a test wrote, then recomputes the years it touched (so other tests see the demo results). */
    @AfterEach
    void cleanUp() {
        clock.reset();
        cleanups.forEach(Runnable::run);
        recomputes.forEach(Runnable::run);
        cleanups.clear();
        recomputes.clear();
    }

    private TestApi api() {
        return new TestApi(port);
    }

    private long unitId(String code) {
        return jdbc.sql("SELECT id FROM platform_unit WHERE code = :c").param("c", code).query(Long.class).single();
    }

    /** A value written straight into the store (for elements no form accepts: computed ones, months of a yearly count). */
    private void insert(String element, String unit, String periodId, int value) {
        Period p = Period.parse(periodId);
        jdbc.sql("""
                        INSERT INTO indicator_value (element_code, unit_id, period, period_type, period_start, period_end,
                                                     value, source, status)
                        VALUES (:e, :u, :p, :t, :s, :end, :v, 'REPORTED', 'APPROVED')""")
                .param("e", element).param("u", unitId(unit)).param("p", p.id()).param("t", p.type().name())
                .param("s", Date.valueOf(p.start())).param("end", Date.valueOf(p.end())).param("v", value).update();
        cleanups.add(() -> jdbc.sql("DELETE FROM indicator_value WHERE element_code = :e AND unit_id = :u AND period = :p")
                .param("e", element).param("u", unitId(unit)).param("p", p.id()).update());
    }

    private void recomputeAfterwards(int... years) {
        recomputes.add(() -> {
            for (int y : years) {
                engine.recomputeYear(y);
            }
        });
    }

    private JsonNode row(String token, String indicator, String period, String unit) {
        var r = api().get("/api/v1/analytics?dx=" + indicator + "&pe=" + period + "&ou=" + unit, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode n : r.json().get("items")) {
            if (n.get("indicator").asText().equals(indicator) && n.get("period").asText().equals(period)
                    && n.get("unit").asText().equals(unit)) {
                return n;
            }
        }
        throw new AssertionError("no row " + indicator + " " + period + " " + unit + ": " + r.body());
    }

    private void saveAndSubmit(String token, String unit, String period, List<Map<String, Object>> entries) {
        var saved = api().put("/api/v1/indicator-values", Map.of("unitCode", unit, "period", period, "values", entries), token);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        List<Map<String, String>> keys = entries.stream()
                .map(e -> Map.of("element", (String) e.get("element"), "unitCode", unit, "period", period)).toList();
        var submitted = api().post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", keys), token);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        for (var e : entries) {
            Period p = Period.parse(period);
            cleanups.add(() -> jdbc.sql("DELETE FROM indicator_value WHERE element_code = :e AND unit_id = :u AND period = :p")
                    .param("e", e.get("element")).param("u", unitId(unit)).param("p", p.id()).update());
        }
    }

    private BigDecimal sum(String element, String unit, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT coalesce(sum(value), 0) FROM indicator_value
                        WHERE element_code = :e AND unit_id = :u AND period_end BETWEEN :f AND :t
                          AND status IN ('SUBMITTED', 'APPROVED')""")
                .param("e", element).param("u", unitId(unit)).param("f", Date.valueOf(from)).param("t", Date.valueOf(to))
                .query(BigDecimal.class).single();
    }

    @Test
    void aCountDueBy2020IsMetOnlyWhenReachedBy2020AndCountsFromThePlansStart() {
        String admin = api().token("admin");
        // C5 (筹建5个省级中心 by 2020-12-31): five more reported for 2030 do not make the 2020 target met
        saveAndSubmit(admin, "421200", "2030", List.of(Map.of("element", "C5_PROVINCIAL_CENTRES", "value", 5)));
        recomputeAfterwards(2030);
        BigDecimal byDue = sum("C5_PROVINCIAL_CENTRES", "421200", LocalDate.of(2017, 3, 1), LocalDate.of(2020, 12, 31));
        assertThat(byDue).isLessThan(BigDecimal.valueOf(5)); // the demo data falls one short
        JsonNode c5 = row(admin, "C5", "2030", "421200");
        assertThat(c5.get("status").asText()).isEqualTo("NOT_MET");
        assertThat(c5.get("comparedWith").get("kind").asText()).isEqualTo("RUNNING_TOTAL");
        assertThat(c5.get("comparedWith").get("measure").decimalValue()).isEqualByComparingTo(byDue);
        assertThat(c5.get("comparedWith").get("span").asText()).isEqualTo("2017-03-01/2020-12-31");

        // counts start at the plan's start (2017-03-01, from the plan file): a January 2017 figure is not counted
        insert("C1_NATIONAL_CENTRES", "421200", "201701", 3);
        recomputeAfterwards(2017, 2018);
        engine.recomputeYear(2018);
        BigDecimal since = sum("C1_NATIONAL_CENTRES", "421200", LocalDate.of(2017, 3, 1), LocalDate.of(2018, 12, 31));
        JsonNode c1 = row(admin, "C1", "2018", "421200");
        assertThat(c1.get("comparedWith").get("measure") == null || c1.get("comparedWith").get("measure").isNull()
                ? BigDecimal.ZERO : c1.get("comparedWith").get("measure").decimalValue()).isEqualByComparingTo(since);
        assertThat(since).isLessThan(BigDecimal.ONE);
        assertThat(c1.get("status").asText()).isNotEqualTo("MET");
    }

    @Test
    void inEachSectorMeansEverySectorAndTheDrillDownNamesTheMissingOnes() {
        String admin = api().token("admin");
        // the demo reports C6 as a total (one pilot by 2020) without sectors: not one in each of nine sectors
        JsonNode city = row(admin, "C6", "2020", "421200");
        assertThat(city.get("status").asText()).isNotEqualTo("MET");
        assertThat(city.get("comparedWith").get("kind").asText()).isEqualTo("EACH_MEMBER");
        assertThat(city.get("comparedWith").get("missingMembers")).hasSize(9);

        // a breakdown must name the plan's sectors and add up to the value
        var unknown = api().put("/api/v1/indicator-values", Map.of("unitCode", "421221", "period", "2019", "values",
                List.of(Map.of("element", "C6_SERVICE_PILOTS", "value", 1, "members", Map.of("航天", 1)))), admin);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("values[0].members.航天");
        var mismatch = api().put("/api/v1/indicator-values", Map.of("unitCode", "421221", "period", "2019", "values",
                List.of(Map.of("element", "C6_SERVICE_PILOTS", "value", 3, "members", Map.of("卫生", 1)))), admin);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("values[0].members");

        // 嘉鱼县: eight sectors by 2019, the ninth only in 2021 (after the due date)
        Map<String, Object> eight = new java.util.LinkedHashMap<>();
        for (String s : List.of("卫生", "旅游", "教育", "商务", "交通", "金融", "物业管理", "政务服务")) {
            eight.put(s, 1);
        }
        saveAndSubmit(admin, "421221", "2019", List.of(Map.of("element", "C6_SERVICE_PILOTS", "members", eight)));
        saveAndSubmit(admin, "421221", "2021", List.of(Map.of("element", "C6_SERVICE_PILOTS", "value", 1,
                "members", Map.of("公共服务组织", 1))));
        recomputeAfterwards(2019, 2020, 2021);
        engine.recomputeYear(2020);
        JsonNode jiayu = row(admin, "C6", "2020", "421221");
        assertThat(jiayu.get("value") == null || jiayu.get("value").isNull()).isTrue();
        assertThat(jiayu.get("status").asText()).isEqualTo("NOT_MET");
        assertThat(jiayu.get("comparedWith").get("measure").decimalValue()).isEqualByComparingTo("8");
        assertThat(jiayu.get("comparedWith").get("missingMembers").get(0).asText()).isEqualTo("公共服务组织");
        assertThat(row(admin, "C6", "2021", "421221").get("status").asText()).isEqualTo("NOT_MET");

        // the drill-down names the sector still missing; the dashboard says what each area was compared with
        WebSession web = WebSession.loggedIn(port, "admin");
        var page = web.get("/indicators/value/C6/421221/2020");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"missing-members\"").contains("公共服务组织").contains("id=\"compared-with\"");
        var dashboard = web.get("/indicators/dashboard?period=2020&indicator=C6");
        assertThat(dashboard.body()).contains("id=\"compared-list\"").contains("尚未达到：");
    }

    @Test
    void aStockCountedAtPeriodEndTakesTheYearEndValueNotTheSumOfQuarters() {
        String admin = api().token("admin");
        // P8 enterprises without a standard at each quarter's end in 2016 (before the demo data): 3, 1, 0, 0
        insert("P8_NO_STANDARD", "421222", "2016Q1", 3);
        insert("P8_NO_STANDARD", "421222", "2016Q2", 1);
        insert("P8_NO_STANDARD", "421222", "2016Q3", 0);
        insert("P8_NO_STANDARD", "421222", "2016Q4", 0);
        recomputeAfterwards(2016);
        engine.recomputeYear(2016);
        JsonNode year = row(admin, "P8", "2016", "421222");
        assertThat(year.get("value").decimalValue()).isEqualByComparingTo("0");
        assertThat(year.get("status").asText()).isEqualTo("MET");
        assertThat(row(admin, "P8", "2016S1", "421222").get("value").decimalValue()).isEqualByComparingTo("1");
        assertThat(row(admin, "P8", "2016", "421200").get("value").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void everyTwoYearsRunsInWindowsFromThePlansStartAndTheOpenWindowIsNotNoData() {
        String admin = api().token("admin");
        // C11: the demo holds a conference in 2017, 2019, 2021, 2023, 2025 (none yet in the current year)
        int thisYear = LocalDate.now(clock).getYear();
        JsonNode first = row(admin, "C11", "2017", "421200");
        assertThat(first.get("comparedWith").get("span").asText()).isEqualTo("2017/2018");
        assertThat(first.get("status").asText()).isEqualTo("MET");
        int windowStart = 2017 + Math.floorDiv(thisYear - 2017, 2) * 2;
        JsonNode current = row(admin, "C11", String.valueOf(thisYear), "421200");
        assertThat(current.get("status").asText()).isIn("MET", "ON_TRACK");
        assertThat(current.get("comparedWith").get("span").asText()).isEqualTo(windowStart + "/" + (windowStart + 1));
    }

    @Test
    void aQuarterlyRateFedByMonthsKeepsItsProjectionInTheLastQuarter() {
        String admin;
        // 2027 has no data; in November, ten months of P2 samples: all passed to July, 85 % since August
        for (int m = 1; m <= 10; m++) {
            String id = String.format("2027%02d", m);
            insert("P2_TESTED", "421224", id, 100);
            insert("P2_PASSED", "421224", id, m <= 7 ? 100 : 85);
        }
        cleanups.add(() -> jdbc.sql("DELETE FROM indicator_result WHERE year = 2027").update());
        clock.set(Instant.parse("2027-11-15T02:00:00Z"));
        engine.recomputeYear(2027);
        // the result keeps what was projected in November (the API's token is read at today's date)
        clock.reset();
        admin = api().token("admin");
        JsonNode year = row(admin, "P2", "2027", "421224");
        // 955 of 1000 so far meets 95 %; at the last three months' rate the year ends near 93.75 %
        assertThat(year.get("value").decimalValue()).isEqualByComparingTo("95.5");
        assertThat(year.get("status").asText()).isEqualTo("AT_RISK");
        assertThat(year.get("projection").decimalValue()).isEqualByComparingTo("93.75");
        assertThat(year.get("projectionMethod").asText()).isEqualTo("RATE_RECENT:10/12");
    }

    @Test
    void aChangedValueRecomputesTheLaterYearsThatCompareWithIt() {
        String admin = api().token("admin");
        // W1a (approval items, falling year on year): 2031 first, with nothing to compare …
        saveAndSubmit(admin, "421200", "2031", List.of(Map.of("element", "W1_APPROVAL_ITEMS", "value", 90)));
        recomputeAfterwards(2030, 2031);
        cleanups.add(() -> jdbc.sql("DELETE FROM indicator_result WHERE year IN (2030, 2031)").update());
        assertThat(row(admin, "W1a", "2031", "421200").get("status").asText()).isEqualTo("NO_DATA");
        // … then 2030: 2031's year-on-year result follows without a recompute of 2031 being asked for
        saveAndSubmit(admin, "421200", "2030", List.of(Map.of("element", "W1_APPROVAL_ITEMS", "value", 100)));
        JsonNode w1a = row(admin, "W1a", "2031", "421200");
        assertThat(w1a.get("status").asText()).isEqualTo("MET");
        assertThat(w1a.get("comparedWith").get("kind").asText()).isEqualTo("PREVIOUS_YEAR");
        assertThat(w1a.get("comparedWith").get("reference").decimalValue()).isEqualByComparingTo("100");
        assertThat(w1a.get("comparedWith").get("measure").decimalValue()).isEqualByComparingTo("-10");
    }

    @Test
    void aRatingIsSubmittedOnlyWithItsEvidence() {
        String admin = api().token("admin");
        var saved = api().put("/api/v1/indicator-values", Map.of("unitCode", "421200", "period", "2030",
                "values", List.of(Map.of("element", "S3_RATING", "value", 2))), admin);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        cleanups.add(() -> jdbc.sql("DELETE FROM indicator_value WHERE element_code = 'S3_RATING' AND period = '2030'").update());
        recomputeAfterwards(2030);
        var key = Map.of("element", "S3_RATING", "unitCode", "421200", "period", "2030");
        var bare = api().post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", List.of(key)), admin);
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.body()).contains("keys[0].evidence");
        var withEvidence = api().put("/api/v1/indicator-values", Map.of("unitCode", "421200", "period", "2030",
                "values", List.of(Map.of("element", "S3_RATING", "value", 2,
                        "evidence", "第三方评估报告 2030-11，第 4–9 页"))), admin);
        assertThat(withEvidence.status()).as(withEvidence.body()).isEqualTo(200);
        assertThat(withEvidence.json().get(0).get("evidence").asText()).startsWith("第三方评估报告");
        var submitted = api().post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", List.of(key)), admin);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(row(admin, "S3", "2030", "421200").get("comparedWith").get("kind").asText()).isEqualTo("RATING");
    }

    @Test
    void satisfactionMustReach75AndKeepRising() {
        String admin = api().token("admin");
        // W3 in 2014 and 2015 (before the demo data): 80 then 78 points — above 75, but falling
        insert("W3_SCORE_SUM", "421200", "2014", 8000);
        insert("W3_RESPONSES", "421200", "2014", 100);
        insert("W3_SCORE_SUM", "421200", "2015", 7800);
        insert("W3_RESPONSES", "421200", "2015", 100);
        recomputeAfterwards(2014, 2015);
        engine.recomputeYear(2015);
        JsonNode w3 = row(admin, "W3", "2015", "421200");
        assertThat(w3.get("value").decimalValue()).isEqualByComparingTo("78");
        assertThat(w3.get("status").asText()).isEqualTo("NOT_MET");
        assertThat(w3.get("comparedWith").get("kind").asText()).isEqualTo("TARGET_AND_RISING");
        assertThat(w3.get("comparedWith").get("reference").decimalValue()).isEqualByComparingTo("80");
    }

    @Test
    void theNationalAverageIsShownAsWhatP5WasComparedWith() {
        String admin = api().token("admin");
        JsonNode p5 = row(admin, "P5", "2019", "421200");
        assertThat(p5.get("comparedWith").get("kind").asText()).isEqualTo("COMPARATOR");
        BigDecimal nationalAverage = jdbc.sql("SELECT value FROM indicator_value WHERE element_code = 'P5_NATIONAL_AVG' AND period = '2019'")
                .query(BigDecimal.class).single();
        assertThat(p5.get("comparedWith").get("reference").decimalValue()).isEqualByComparingTo(nationalAverage);
        var page = WebSession.loggedIn(port, "admin").get("/indicators/value/P5/421200/2019");
        assertThat(page.body()).contains("id=\"compared-with\"").contains("全国");
    }

    @Test
    void computedValuesCarryTheShareOfDemoRecordsBehindThemAndAreNeverReported() {
        String admin = api().token("admin");
        // P2 comes from the spot-check module's demo samples: computed, and demo (share 1), not "not demo"
        var p2 = jdbc.sql("""
                        SELECT count(*) AS n, bool_and(demo) AS demo, min(demo_share) AS share, bool_and(source = 'COMPUTED') AS computed
                        FROM indicator_value WHERE element_code = 'P2_TESTED' AND period LIKE '2025%'""")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getBoolean(2), rs.getBigDecimal(3), rs.getBoolean(4)})
                .single();
        assertThat((Long) p2[0]).isPositive();
        assertThat((Boolean) p2[1]).isTrue();
        assertThat((BigDecimal) p2[2]).isEqualByComparingTo("1");
        assertThat((Boolean) p2[3]).isTrue();
        // W3 is computed by a module that has no provider yet: its generated demo values are computed, not reported
        assertThat(jdbc.sql("SELECT DISTINCT source FROM indicator_value WHERE element_code = 'W3_SCORE_SUM' AND demo")
                .query(String.class).list()).containsExactly("COMPUTED");
        // the share travels to the result, the dashboard cell and the drill-down
        JsonNode row = row(admin, "P2", "2025", "421200");
        assertThat(row.get("demoShare").decimalValue()).isEqualByComparingTo("1");
        WebSession web = WebSession.loggedIn(port, "admin");
        assertThat(web.get("/indicators/dashboard?period=2025&indicator=P2").body()).contains("qc-demo-value");
        assertThat(web.get("/indicators/value/P2/421200/2025").body()).contains("id=\"demo-share\"").contains("100 %");
    }
}
