package org.qualitycity.survey;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.Multipart;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 15: the satisfaction index and its interval computed by hand (1), the all-or-nothing import (2), one answer per
 * invitation (3), S1/S2/W3 from the demo answers with drill-down to the strata (4). The test surveys use the objects of
 * plan section 4.(12).4 (product quality), which no plan indicator reads, so S1, S2 and W3 stay the demo's.
 */
@QcIntegrationTest
class SurveyTest {

    static final String TONGCHENG = "421222";
    static final String CHIBI = "421281";

    @LocalServerPort
    int port;

    /** A survey of product quality: Q1 perceived quality, Q2 and Q3 satisfaction, Q4 a choice, Q5 text. */
    static Map<String, Object> survey(String title, List<Map<String, Object>> strata, List<Map<String, Object>> weights) {
        List<Map<String, Object>> questions = List.of(
                Map.of("code", "Q1", "section", "一、评价", "kind", "SCALE", "text", "质量感受", "latent", "QUALITY"),
                Map.of("code", "Q2", "section", "一、评价", "kind", "SCALE", "text", "总体满意", "latent", "SATISFACTION"),
                Map.of("code", "Q3", "section", "一、评价", "kind", "SCALE", "text", "与理想相比", "latent", "SATISFACTION"),
                Map.of("code", "Q4", "section", "二、情况", "kind", "SINGLE", "text", "年龄段", "options", List.of("青年", "老年")),
                Map.of("code", "Q5", "section", "二、情况", "kind", "TEXT", "text", "建议"));
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("title", title);
        body.put("year", 2024);
        body.put("firmName", "测试调查公司");
        body.put("firmQualification", "统计调查资质");
        body.put("questions", questions);
        body.put("strata", strata);
        if (weights != null) {
            body.put("weights", weights);
        }
        return body;
    }

    static Map<String, Object> stratum(String district, double share) {
        return Map.of("districtCode", district, "sectorCode", "PRODUCT", "populationShare", share, "quota", 3);
    }

    static JsonNode create(TestApi api, Map<String, Object> body) {
        var r = api.post("/api/v1/surveys", body, api.token("admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static Map<String, Object> answers(String district, int q1, int q2, int q3) {
        return Map.of("districtCode", district, "sectorCode", "PRODUCT", "answers", List.of(
                Map.of("question", "Q1", "score", q1), Map.of("question", "Q2", "score", q2),
                Map.of("question", "Q3", "score", q3), Map.of("question", "Q4", "choices", List.of("青年"))));
    }

    /**
     * Acceptance 1. Weights: perceived quality 0.5, satisfaction 0.5, all others 0. Strata: 通城县 (population share 0.6)
     * and 赤壁市 (0.4), one sector. Answers (Q1 quality; Q2, Q3 satisfaction, whose mean is the latent variable):
     * <pre>
     *  通城 A1: 8, 9, 7  → quality 8, satisfaction 8 → y = 0.5·(7/9)·100 + 0.5·(7/9)·100 = 77.7778
     *  通城 A2: 10,10,10 → 10, 10                     → y = 100
     *  赤壁 B1: 6, 5, 7  → 6, 6                       → y = 55.5556
     *  赤壁 B2: 4, 4, 4  → 4, 4                       → y = 33.3333
     *  赤壁 B3: 7, 8, 6  → 7, 7                       → y = 66.6667
     * </pre>
     * Post-stratification weights: 通城 0.6/2 = 0.3 each, 赤壁 0.4/3 = 0.13333 each (Σw = 1).
     * Index = 0.6·88.8889 + 0.4·51.8519 = 74.0741 → 74.07.
     * Σ w(y − ȳ)² = 0.3·(3.7037² + 25.9259²) + 0.13333·(18.5185² + 40.7407² + 7.4074²) = 480.1097;
     * s² = 480.1097 · 5/4 = 600.1372; Σw² = 2·0.09 + 3·0.017778 = 0.23333 (Kish n_eff = 4.2857);
     * SE = √(600.1372 · 0.23333) = 11.8335; half width = 1.96 · 11.8335 = 23.1933 → interval 50.88 … 97.27, width 46.39
     * &gt; 10: not reliable. 通城县 alone: ȳ = 88.89 (n = 2).
     */
    @Test
    void aHandComputedExampleGivesTheSameIndexAndInterval() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        var s = create(api, survey("手算示例调查", List.of(stratum(TONGCHENG, 0.6), stratum(CHIBI, 0.4)),
                List.of(Map.of("latent", "QUALITY", "weight", 0.5), Map.of("latent", "SATISFACTION", "weight", 0.5))));
        long id = s.get("id").asLong();
        var a = List.of(answers(TONGCHENG, 8, 9, 7), answers(TONGCHENG, 10, 10, 10),
                answers(CHIBI, 6, 5, 7), answers(CHIBI, 4, 4, 4), answers(CHIBI, 7, 8, 6));
        for (var body : a) {
            var interview = new java.util.HashMap<String, Object>(body);
            interview.put("channel", "PHONE");
            interview.put("interviewer", "访员甲");
            interview.put("callOutcome", "COMPLETED");
            var r = api.post("/api/v1/surveys/" + id + "/answers", interview, admin);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        // a refused call is recorded with its outcome, and is no valid response
        var refused = api.post("/api/v1/surveys/" + id + "/answers", Map.of("channel", "PHONE", "interviewer", "访员甲",
                "callOutcome", "REFUSED", "districtCode", CHIBI, "sectorCode", "PRODUCT"), admin);
        assertThat(refused.status()).as(refused.body()).isEqualTo(201);

        var all = api.get("/api/v1/surveys/" + id + "/results", admin).json().get("rows");
        assertThat(all).hasSize(1);
        var row = all.get(0);
        assertThat(row.get("n").asLong()).isEqualTo(5);
        assertThat(row.get("index").asDouble()).isCloseTo(74.07, within(0.005));
        assertThat(row.get("ciLow").asDouble()).isCloseTo(50.88, within(0.005));
        assertThat(row.get("ciHigh").asDouble()).isCloseTo(97.27, within(0.005));
        assertThat(row.get("reliable").asBoolean()).isFalse();

        var byDistrict = api.get("/api/v1/surveys/" + id + "/results?by=district", admin).json().get("rows");
        assertThat(byDistrict).hasSize(2);
        for (var r : byDistrict) {
            if (r.get("groupName").asText().equals("通城县")) {
                assertThat(r.get("index").asDouble()).isCloseTo(88.89, within(0.005));
                assertThat(r.get("n").asLong()).isEqualTo(2);
            }
        }
        var bad = api.get("/api/v1/surveys/" + id + "/results?by=street", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"by\"");
        // the design is shown with the number of valid responses per stratum
        var detail = api.get("/api/v1/surveys/" + id, admin).json();
        assertThat(detail.get("strata")).hasSize(2);
        assertThat(detail.get("responses").asLong()).isEqualTo(5);
    }

    /** Acceptance 3: an invitation answers once; the second answer is a 409 and changes nothing. */
    @Test
    void anInvitationTokenAnswersOnce() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long id = create(api, survey("邀请码调查", List.of(stratum(TONGCHENG, 1)), null)).get("id").asLong();
        var inv = api.post("/api/v1/surveys/" + id + "/invitations", Map.of("count", 2, "districtCode", TONGCHENG,
                "sectorCode", "PRODUCT"), admin);
        assertThat(inv.status()).as(inv.body()).isEqualTo(201);
        String token = inv.json().get(0).get("token").asText();

        var q = api.get("/api/v1/public/surveys/" + token, null);
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        assertThat(q.json().get("invitation").asBoolean()).isTrue();
        assertThat(q.json().get("answered").asBoolean()).isFalse();
        assertThat(q.json().get("questions")).hasSize(5);

        var bad = api.post("/api/v1/public/surveys/" + token + "/answers", answers(TONGCHENG, 11, 5, 5), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("answers[0]");

        var first = api.post("/api/v1/public/surveys/" + token + "/answers", answers(TONGCHENG, 9, 9, 9), null);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        var second = api.post("/api/v1/public/surveys/" + token + "/answers", answers(TONGCHENG, 1, 1, 1), null);
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.header("Content-Type")).contains("problem+json");
        assertThat(api.get("/api/v1/public/surveys/" + token, null).json().get("answered").asBoolean()).isTrue();

        var rows = api.get("/api/v1/surveys/" + id + "/results", admin).json().get("rows");
        assertThat(rows.get(0).get("n").asLong()).isEqualTo(1);
        assertThat(rows.get(0).get("index").asDouble()).isCloseTo(8 / 9.0 * 100, within(0.005));
        assertThat(api.get("/api/v1/public/surveys/no-such-token", null).status()).isEqualTo(404);
    }

    /** Acceptance 2: one invalid row in an upload imports nothing and is named by row and column. */
    @Test
    void anUploadWithOneInvalidRowImportsNothingAndNamesTheRowAndColumn() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long id = create(api, survey("导入调查", List.of(stratum(TONGCHENG, 0.5), stratum(CHIBI, 0.5)), null))
                .get("id").asLong();
        String bad = """
                respondent,district,sector,Q1,Q2,Q3,Q4,Q5
                R1,421222,PRODUCT,8,9,7,青年,"很好, 继续"
                R2,421281,PRODUCT,6,12,7,老年,
                R3,421281,PRODUCT,7,7,7,,
                """;
        var r = Multipart.api(api).post("/api/v1/surveys/" + id + "/answers/import",
                Map.of("file", new Multipart.Part("firm.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")), admin);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("row[3].Q2").doesNotContain("row[2].Q1", "row[4].Q1");
        assertThat(api.get("/api/v1/surveys/" + id, admin).json().get("responses").asLong()).isZero();

        var good = Multipart.api(api).post("/api/v1/surveys/" + id + "/answers/import",
                Map.of("file", new Multipart.Part("firm.csv", bad.replace(",12,", ",2,").getBytes(StandardCharsets.UTF_8),
                        "text/csv")), admin);
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.json().get("imported").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/surveys/" + id, admin).json().get("responses").asLong()).isEqualTo(3);
    }

    /**
     * Acceptance 4 (demo data): S1, S2 and W3 of a demo year come from the survey answers — the city's value is the
     * demo survey's post-stratified index — and drill down to the surveys, their strata and answer sheets.
     */
    @Test
    void s1S2AndW3ComeFromTheDemoAnswersWithDrillDownToTheStrata() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        int year = 2019;
        for (String indicator : List.of("S1", "S2", "W3")) {
            var surveys = api.get("/api/v1/surveys?year=" + year + "&indicator=" + indicator, admin).json();
            assertThat(surveys).as(indicator).hasSize(1);
            long id = surveys.get(0).get("id").asLong();
            assertThat(surveys.get(0).get("demo").asBoolean()).isTrue();
            var rows = api.get("/api/v1/surveys/" + id + "/results", admin).json().get("rows");
            assertThat(rows).hasSize(1);
            double index = rows.get(0).get("index").asDouble();

            var drill = api.get("/api/v1/indicators/" + indicator + "/units/421200/periods/" + year, admin);
            assertThat(drill.status()).as(drill.body()).isEqualTo(200);
            var result = drill.json().get("result");
            assertThat(result.get("value").asDouble()).as(indicator + " on the dashboard").isCloseTo(index, within(0.05));
            List<String> links = new ArrayList<>();
            drill.json().get("recordLinks").forEach(l -> links.add(l.get("href").asText()));
            assertThat(links).anyMatch(l -> l.startsWith("/surveys?year=" + year + "&indicator=" + indicator));

            var detail = api.get("/api/v1/surveys/" + id, admin).json();
            assertThat(detail.get("strata").size()).isGreaterThan(1);
            assertThat(detail.get("strata").get(0).get("responses").asLong()).isPositive();
            var sheets = api.get("/api/v1/surveys/" + id + "/answers?district=" + TONGCHENG, admin);
            assertThat(sheets.status()).isEqualTo(200);
            assertThat(sheets.json().size()).isPositive();
            assertThat(sheets.body()).doesNotContain("respondent").doesNotContain("interviewer");
        }
    }

    /** "Among the leaders of similar cities" is a rank: the city's 2018 S1 index among published scores of 2018. */
    @Test
    void theCityIsRankedAmongSimilarCitiesPublishedScores() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        for (var p : List.of(Map.of("city", "甲市", "score", 99.5), Map.of("city", "乙市", "score", 40.0))) {
            var r = api.post("/api/v1/survey-peers", Map.of("year", 2018, "indicator", "S1", "city", p.get("city"),
                    "score", p.get("score"), "source", "某年度城市服务业顾客满意度测评报告"), admin);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        var c = api.get("/api/v1/survey-peers?year=2018&indicator=S1", admin);
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().get("cityScore").asDouble()).isBetween(40.0, 99.5);
        assertThat(c.json().get("rank").asInt()).isEqualTo(2);
        assertThat(c.json().get("cities").asInt()).isEqualTo(3);
        assertThat(c.json().get("amongLeaders").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/survey-peers?year=2018&indicator=X9", admin).status()).isEqualTo(400);
    }
}
