package org.qualitycity.plan;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance of the plan as data, through the HTTP API: the bundled plan is the current plan with its
 * measures, indicators, targets and phases; export → import is lossless; a bad file changes nothing and
 * names every problem; reading is for every officer and changing for the city admin; assigning a
 * measure's units is audited and shows in the export.
 */
@QcIntegrationTest
class PlanApiIntegrationTest {

    @LocalServerPort
    int port;

    TestApi api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        admin = api.token("admin");
    }

    private JsonNode current() {
        TestApi.Response r = api.get("/api/v1/plans/current", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private TestApi.Response putYaml(String path, String yaml, String token) {
        return api.send("PUT", path, yaml, token, "application/yaml");
    }

    private TestApi.Response postYaml(String path, String yaml, String token) {
        return api.send("POST", path, yaml, token, "application/yaml");
    }

    private String exportYaml(String id) {
        TestApi.Response r = api.get("/api/v1/plans/" + id + "?format=yaml", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/yaml");
        assertThat(r.header("Content-Disposition")).contains("attachment").contains(id + ".yaml");
        return r.body();
    }

    /** The JSON of a plan without what a replacement changes by design (version, time of import). */
    private static JsonNode withoutVersion(JsonNode plan) {
        ObjectNode copy = (ObjectNode) plan.deepCopy();
        copy.remove("version");
        copy.remove("importedAt");
        return copy;
    }

    private String copyOfBundled(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi.Response r = postYaml("/api/v1/plans", PlanTestFiles.copy(id), admin);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("current").asBoolean()).isFalse();
        assertThat(r.json().get("version").asInt()).isEqualTo(1);
        return id;
    }

    // ----------------------------------------------------------------------------------- 1. content

    @Test
    void theCurrentPlanIsTheBundledPlanWithTwelveMeasureGroupsAndFiftySevenMeasuresInItsOwnWords() {
        JsonNode plan = current();
        assertThat(plan.get("id").asText()).isEqualTo(PlanTestFiles.BUNDLED_ID);
        assertThat(plan.get("current").asBoolean()).isTrue();
        assertThat(plan.get("documentNumber").asText()).isEqualTo("咸政办发〔2017〕24号");
        assertThat(plan.get("issueDate").asText()).isEqualTo("2017-05-10");
        assertThat(plan.get("startDate").asText()).isEqualTo("2017-03-01");
        assertThat(plan.get("endDate").asText()).isEqualTo("2020-12-31");
        assertThat(plan.get("goals").get("areas")).hasSize(5);
        assertThat(plan.get("goals").get("overall").get("textZh").asText()).startsWith("到2020年末");

        JsonNode groups = plan.get("measureGroups");
        assertThat(groups).hasSize(12);
        List<Integer> perGroup = new ArrayList<>();
        Map<String, JsonNode> measures = new HashMap<>();
        groups.forEach(g -> {
            perGroup.add(g.get("measures").size());
            g.get("measures").forEach(m -> measures.put(m.get("code").asText(), m));
        });
        assertThat(perGroup).containsExactly(7, 5, 4, 5, 5, 5, 4, 6, 4, 4, 4, 4);
        assertThat(measures).hasSize(57);
        assertThat(plan.get("counts").get("measures").asInt()).isEqualTo(57);

        // two measures checked word for word against the plan file
        Map<String, Object> doc = PlanTestFiles.parse(PlanTestFiles.bundledText());
        for (String code : List.of("M04.1", "M12.1")) {
            assertThat(measures.get(code).get("textZh").asText()).isEqualTo(PlanTestFiles.measure(doc, code).get("text_zh"));
        }
        assertThat(measures.get("M04.1").get("textZh").asText()).contains("新增1个国家级质检中心");
        assertThat(measures.get("M12.1").get("textZh").asText()).contains("严格落实100%受理、100%办理、100反馈要求");
        JsonNode m41 = measures.get("M04.1");
        assertThat(m41.get("ref").asText()).isEqualTo("四.(四).1");
        assertThat(m41.get("leadUnit").asText()).isEqualTo("421200-SCJG");
        assertThat(m41.get("leadUnitName").asText()).isEqualTo("咸宁市市场监督管理局");
        assertThat(m41.get("phase").asText()).isEqualTo("IMPLEMENTATION");
        assertThat(m41.get("indicators").toString()).contains("C1").contains("C5");
        assertThat(measures.get("M01.5").get("recurring").get(1).get("every").asInt()).isEqualTo(2);
    }

    @Test
    void everyIndicatorOfTheSpecHasItsTargetRule() {
        Map<String, JsonNode> byCode = new HashMap<>();
        current().get("indicators").forEach(i -> byCode.put(i.get("code").asText(), i));
        assertThat(byCode).hasSize(46);
        Object[][] expected = {
                {"P1", "GE", "96"}, {"P2", "GE", "95"}, {"P3", "GE", "95"}, {"P4", "GE", "98"},
                {"P5", "LT_COMPARATOR", null}, {"P6", "EQ", "100"}, {"P7", "YOY_GROWTH_GE", "10"}, {"P8", "EQ", "0"},
                {"E1", "EQ", "100"}, {"E2", "EQ", "100"}, {"E3", "EQ", "100"}, {"E4", "COUNT_GE", "1"},
                {"E5", "EQ", "0"}, {"E6", "EQ", "100"},
                {"S1", "GE", "75"}, {"S2", "GE", "80"}, {"S3", "QUALITATIVE", "2"},
                {"G1a", "RANK_LE", "5"}, {"G1b", "QUALITATIVE", "2"}, {"G2", "EQ", "100"}, {"G3", "GE", "50"},
                {"G4", "GE", "90"}, {"G5", "EQ", "100"}, {"G6", "GE", "85"},
                {"W1a", "YOY_GROWTH_LT", "0"}, {"W1b", "YOY_GROWTH_LT", "0"},
                {"W2a", "EQ", "100"}, {"W2b", "EQ", "100"}, {"W2c", "EQ", "100"}, {"W3", "GE", "75"}};
        for (Object[] row : expected) {
            JsonNode target = byCode.get((String) row[0]).get("target");
            assertThat(target.get("kind").asText()).as((String) row[0]).isEqualTo(row[1]);
            if (row[2] != null) {
                assertThat(target.get("value").decimalValue()).as((String) row[0]).isEqualByComparingTo(new BigDecimal((String) row[2]));
            }
        }
        // the SPEC's G1, W1 and W2 are groups of these indicators
        Map<String, JsonNode> groups = new HashMap<>();
        current().get("indicatorGroups").forEach(g -> groups.put(g.get("code").asText(), g));
        assertThat(groups.get("G1").get("indicators").toString()).isEqualTo("[\"G1a\",\"G1b\"]");
        assertThat(groups.get("W1").get("indicators").toString()).isEqualTo("[\"W1a\",\"W1b\"]");
        assertThat(groups.get("W2").get("indicators").toString()).isEqualTo("[\"W2a\",\"W2b\",\"W2c\"]");

        JsonNode p5 = byCode.get("P5");
        assertThat(p5.get("target").get("comparator").asText()).isEqualTo("P5_NATIONAL_AVG");
        assertThat(p5.get("elements").get("comparator").get("scope").asText()).isEqualTo("CITY_ONLY");
        // elements without a source of their own inherit the indicator's (P5's come from the export records now; its
        // national average stays a customs report)
        assertThat(byCode.get("G4").get("elements").get("numerator").get("reportedBy").asText()).as("inherited")
                .isEqualTo("421200-ZJJ");
        assertThat(p5.get("elements").get("comparator").get("reportedBy").asText()).isEqualTo("421200-HG");
        assertThat(byCode.get("P7").get("target").get("basis").asText()).isEqualTo("AVERAGE_ANNUAL");
        assertThat(byCode.get("P7").get("target").get("baseYear").asInt()).isEqualTo(2016);
        assertThat(byCode.get("G1a").get("target").get("provenance").asText()).isEqualTo("PLACEHOLDER");
        assertThat(byCode.get("G1a").get("elements").get("supporting")).hasSize(2);
        assertThat(byCode.get("S3").get("target").get("attainedAt").asText()).isEqualTo("GOOD");
        assertThat(byCode.get("P1").get("source").get("module").asText()).isEqualTo("spotcheck");
        assertThat(byCode.get("P1").get("aggregation").asText()).isEqualTo("SUM_RATIO");
        // targets in words, for people
        assertThat(byCode.get("P2").get("target").get("summary").get("zh").asText()).isEqualTo("≥ 95 %");
        assertThat(byCode.get("P5").get("target").get("summary").get("zh").asText()).startsWith("< 全国");
        assertThat(byCode.get("P7").get("target").get("summary").get("zh").asText()).startsWith("年均增长 ≥ 10 %");
        assertThat(byCode.get("G1a").get("target").get("summary").get("zh").asText()).startsWith("排名 ≤ 5");
        assertThat(byCode.get("C1").get("target").get("summary").get("zh").asText()).isEqualTo("累计 ≥ 1 个（2020-12-31 前）");
        assertThat(byCode.get("S3").get("target").get("summary").get("zh").asText()).startsWith("定性评定");
        assertThat(byCode.get("P2").get("target").get("summary").get("en").asText()).isEqualTo("≥ 95 %");
    }

    @Test
    void theCountTargetsOfTheMeasuresAreIndicatorsToo() {
        Map<String, JsonNode> byCode = new HashMap<>();
        current().get("indicators").forEach(i -> byCode.put(i.get("code").asText(), i));
        // 四.1: 1 national centre, 1 national laboratory, 2 projects, 1 brand, 5 provincial centres, by the goal date
        Object[][] m41 = {{"C1", 1}, {"C2", 1}, {"C3", 2}, {"C4", 1}, {"C5", 5}};
        for (Object[] row : m41) {
            JsonNode i = byCode.get((String) row[0]);
            assertThat(i.get("category").asText()).isEqualTo("COUNT_TARGET");
            assertThat(i.get("target").get("kind").asText()).isEqualTo("COUNT_GE");
            assertThat(i.get("target").get("value").asInt()).as((String) row[0]).isEqualTo(row[1]);
            assertThat(i.get("target").get("by").asText()).isEqualTo("2020-12-31");
            assertThat(i.get("measures").toString()).isEqualTo("[\"M04.1\"]");
        }
        // 七.1: at least one pilot in each service industry
        JsonNode c6 = byCode.get("C6");
        assertThat(c6.get("target").get("eachOfBreakdown").asBoolean()).isTrue();
        assertThat(c6.get("target").get("value").asInt()).isEqualTo(1);
        assertThat(c6.get("breakdown").get("valuesZh")).hasSize(9);
        assertThat(c6.get("measures").toString()).isEqualTo("[\"M07.1\"]");
        // 九.1: at least 2 national government-service standardisation projects
        assertThat(byCode.get("C9").get("target").get("value").asInt()).isEqualTo(2);
        assertThat(byCode.get("C9").get("measures").toString()).isEqualTo("[\"M09.1\"]");
        // 一.5: the commission every year, the conference every two years
        assertThat(byCode.get("C10").get("target").get("per").get("every").asInt()).isEqualTo(1);
        assertThat(byCode.get("C11").get("target").get("per").get("every").asInt()).isEqualTo(2);
        assertThat(byCode.get("C11").get("target").get("per").get("unit").asText()).isEqualTo("YEAR");
        assertThat(byCode.get("C11").get("measures").toString()).isEqualTo("[\"M01.5\"]");
        // 一.7: industry quality status at least once a year, and the white paper
        assertThat(byCode.get("C12").get("target").get("per").get("every").asInt()).isEqualTo(1);
        assertThat(byCode.get("C13").get("target").get("provenance").asText()).isEqualTo("INTERPRETED");
        assertThat(byCode.get("C13").get("measures").toString()).isEqualTo("[\"M01.7\"]");
    }

    @Test
    void theFivePhasesAndTheUnitPlansDeadline() {
        JsonNode plan = current();
        JsonNode phases = plan.get("phases");
        assertThat(phases).hasSize(5);
        String[][] expected = {{"MOBILISATION", "动员部署", "2017-03-01", "2017-04-30"},
                {"IMPLEMENTATION", "组织实施", "2017-05-01", "2018-07-31"},
                {"SELF_CHECK", "城市自查", "2018-08-01", "2018-09-30"},
                {"PRE_ACCEPTANCE", "预验收考核", "2018-10-01", "2018-12-31"},
                {"ACCEPTANCE_APPLICATION", "申请验收", "2019-01-01", "2019-01-31"}};
        for (int i = 0; i < 5; i++) {
            assertThat(phases.get(i).get("code").asText()).isEqualTo(expected[i][0]);
            assertThat(phases.get(i).get("nameZh").asText()).isEqualTo(expected[i][1]);
            assertThat(phases.get(i).get("start").asText()).isEqualTo(expected[i][2]);
            assertThat(phases.get(i).get("end").asText()).isEqualTo(expected[i][3]);
        }
        JsonNode unitPlans = plan.get("milestones").get(0);
        assertThat(unitPlans.get("code").asText()).isEqualTo("UNIT_PLANS_DUE");
        assertThat(unitPlans.get("date").asText()).isEqualTo("2017-07-20");
        assertThat(unitPlans.get("submitTo").asText()).isEqualTo("421200-ZQB");
        assertThat(plan.get("milestones").get(1).get("date").asText()).isEqualTo("2020-12-31");
    }

    @Test
    void thePlansAreListed() {
        TestApi.Response r = api.get("/api/v1/plans", admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get(0).get("id").asText()).as("current first").isEqualTo(PlanTestFiles.BUNDLED_ID);
        assertThat(r.json().get(0).get("current").asBoolean()).isTrue();
        long current = 0;
        for (JsonNode p : r.json()) {
            current += p.get("current").asBoolean() ? 1 : 0;
        }
        assertThat(current).as("exactly one current plan").isEqualTo(1);
        assertThat(api.get("/api/v1/plans/no-such-plan", admin).status()).isEqualTo(404);
    }

    // -------------------------------------------------------------------------------- 2. round trip

    @Test
    void exportThenImportOfTheCurrentPlanIsLossless() {
        JsonNode before = current();
        String exported = exportYaml(PlanTestFiles.BUNDLED_ID);
        assertThat(PlanTestFiles.parse(exported)).isEqualTo(PlanTestFiles.parse(PlanTestFiles.bundledText()));

        // also asked for by its media type, and sent back as text/plain
        assertThat(yamlByAccept(PlanTestFiles.BUNDLED_ID)).isEqualTo(exported);
        TestApi.Response put = api.send("PUT", "/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, exported, admin, "text/plain");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(before.get("version").asInt() + 1);
        assertThat(put.json().get("current").asBoolean()).isTrue();

        String again = exportYaml(PlanTestFiles.BUNDLED_ID);
        assertThat(PlanTestFiles.parse(again)).isEqualTo(PlanTestFiles.parse(exported));
        assertThat(again).as("the file itself, comments included").isEqualTo(exported);
        JsonNode after = current();
        assertThat(withoutVersion(after)).isEqualTo(withoutVersion(before));
    }

    @Test
    void theDocumentAsJsonImportsToTheSameDocument() {
        String id = copyOfBundled("json");
        JsonNode before = api.get("/api/v1/plans/" + id, admin).json();
        TestApi.Response doc = api.get("/api/v1/plans/" + id + "?format=document", admin);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("plan").get("id").asText()).isEqualTo(id);

        TestApi.Response put = api.send("PUT", "/api/v1/plans/" + id, doc.body(), admin, "application/json");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(2);
        // the YAML generated from the JSON holds the same document as the original file
        assertThat(PlanTestFiles.parse(exportYaml(id))).isEqualTo(PlanTestFiles.parse(PlanTestFiles.copy(id)));
        assertThat(withoutVersion(api.get("/api/v1/plans/" + id, admin).json())).isEqualTo(withoutVersion(before));
        // and the current plan is untouched
        assertThat(current().get("id").asText()).isEqualTo(PlanTestFiles.BUNDLED_ID);
    }

    // ------------------------------------------------------------------------------ 3. invalid files

    @Test
    void anInvalidFileIsRefusedWithEveryProblemAndChangesNothing() {
        JsonNode before = current();
        String beforeYaml = exportYaml(PlanTestFiles.BUNDLED_ID);
        String bundled = PlanTestFiles.bundledText();

        // a duplicated indicator code and an unknown target kind in one file: both are reported
        String twoProblems = bundled.replace("  - code: P2\n", "  - code: P1\n")
                .replace("target: {kind: GE, value: 98, provenance: PLAN", "target: {kind: ABOUT, value: 98, provenance: PLAN");
        TestApi.Response r = putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, twoProblems, admin);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        Map<String, JsonNode> errors = new HashMap<>();
        r.json().get("errors").forEach(e -> errors.put(e.get("field").asText(), e));
        assertThat(errors).containsKeys("indicators[1].code", "indicators[3].target.kind");
        assertThat(errors.get("indicators[1].code").get("line").asInt())
                .isEqualTo(lineOf(twoProblems, "  - code: P1\n    category: PLAN_INDICATOR\n    area: PRODUCT\n    name_zh: 监督抽查合格率"));
        assertThat(errors.get("indicators[1].code").get("message").asText()).contains("P1");
        assertThat(errors.get("indicators[3].target.kind").get("line").asInt()).isEqualTo(lineOf(twoProblems, "kind: ABOUT"));
        assertThat(errors.get("indicators[3].target.kind").get("message").asText()).contains("ABOUT");

        // an unknown target kind alone
        TestApi.Response kind = putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID,
                bundled.replace("target: {kind: GE, value: 96,", "target: {kind: MOSTLY, value: 96,"), admin);
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.json().get("errors")).hasSize(1);
        assertThat(kind.json().get("errors").get(0).get("field").asText()).isEqualTo("indicators[0].target.kind");

        // a YAML syntax error: its line and column
        String syntax = bundled.replace("    name_zh: 产品质量合格率\n", "    name_zh: [产品质量合格率\n");
        TestApi.Response s = putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, syntax, admin);
        assertThat(s.status()).as(s.body()).isEqualTo(400);
        JsonNode e = s.json().get("errors").get(0);
        assertThat(e.get("message").asText()).containsAnyOf("YAML", "语法");
        assertThat(e.get("line").asInt()).isBetween(lineOf(syntax, "[产品质量合格率"), lineOf(syntax, "[产品质量合格率") + 2);
        assertThat(e.get("column").asInt()).isPositive();

        // a file for another plan id, an empty body, broken JSON
        assertThat(putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, PlanTestFiles.copy("other-id"), admin).json()
                .get("errors").get(0).get("field").asText()).isEqualTo("plan.id");
        assertThat(api.send("PUT", "/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, "", admin, "application/yaml").status())
                .isEqualTo(400);
        assertThat(api.send("PUT", "/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, "{\"format\": ", admin,
                "application/json").status()).isEqualTo(400);
        assertThat(api.send("PUT", "/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, "<plan/>", admin,
                "application/xml").status()).isEqualTo(415);

        // nothing changed: same version, same document, same file
        JsonNode after = current();
        assertThat(after).isEqualTo(before);
        assertThat(exportYaml(PlanTestFiles.BUNDLED_ID)).isEqualTo(beforeYaml);
    }

    @Test
    void aStructurallyBadJsonDocumentIsRefusedWithThePathOfEachField() {
        String json = "{\"format\": \"qualitycity-plan/1\", \"plan\": {\"id\": \"json-bad\", \"code\": \"X\","
                + " \"title_zh\": \"X\", \"start_date\": \"2020-01-01\", \"end_date\": 2020},"
                + " \"indicators\": [], \"measure_groups\": [{}], \"phases\": \"none\"}";
        TestApi.Response r = api.send("POST", "/api/v1/plans", json, admin, "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        Map<String, String> errors = new HashMap<>();
        r.json().get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
        assertThat(errors).containsKeys("plan.end_date", "indicators", "measure_groups[0].code", "phases");
        assertThat(errors.get("plan.end_date")).contains("2020");
        assertThat(api.get("/api/v1/plans/json-bad", admin).status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void importingAPlanThatExistsIsAConflictAndANewPlanCanBeMadeCurrent() {
        assertThat(postYaml("/api/v1/plans", PlanTestFiles.bundledText(), admin).status()).isEqualTo(409);
        String id = copyOfBundled("switch");
        TestApi.Response made = api.post("/api/v1/plans/" + id + "/make-current", null, admin);
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().get("current").asBoolean()).isTrue();
        try {
            assertThat(current().get("id").asText()).isEqualTo(id);
        } finally {
            TestApi.Response back = api.post("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID + "/make-current", null, admin);
            assertThat(back.status()).isEqualTo(200);
        }
        assertThat(current().get("id").asText()).isEqualTo(PlanTestFiles.BUNDLED_ID);
    }

    // ------------------------------------------------------------------------------ 4. permissions

    @Test
    void districtOfficersReadButMayNotChangeAndAnonymousCallersAreRefused() {
        String tongcheng = api.token("tongcheng");
        assertThat(api.get("/api/v1/plans/current", tongcheng).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plans", tongcheng).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID + "?format=yaml", tongcheng).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plans/current", api.token("chibi")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plans/current", api.token("scjg")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plans/current", api.token("auditor")).status()).isEqualTo(200);

        int version = current().get("version").asInt();
        assertThat(putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, PlanTestFiles.bundledText(), tongcheng).status())
                .isEqualTo(403);
        assertThat(postYaml("/api/v1/plans", PlanTestFiles.copy("tc-" + UUID.randomUUID().toString().substring(0, 6)),
                tongcheng).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID + "/measures/M04.1/units",
                Map.of("leadUnit", "421200-KJJ", "coUnits", List.of()), tongcheng).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID + "/make-current", null, tongcheng).status())
                .isEqualTo(403);
        assertThat(putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, PlanTestFiles.bundledText(), api.token("auditor"))
                .status()).as("the auditor reads only").isEqualTo(403);

        assertThat(api.get("/api/v1/plans/current", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/plans", null).status()).isEqualTo(401);
        assertThat(putYaml("/api/v1/plans/" + PlanTestFiles.BUNDLED_ID, PlanTestFiles.bundledText(), null).status())
                .isEqualTo(401);
        assertThat(current().get("version").asInt()).isEqualTo(version);
    }

    // -------------------------------------------------------------------------- 5. measure units

    @Test
    void assigningAMeasuresUnitsIsAuditedAndShowsInTheExport() {
        String id = copyOfBundled("units");
        TestApi.Response r = api.put("/api/v1/plans/" + id + "/measures/M04.1/units",
                Map.of("leadUnit", "421200-KJJ", "coUnits", List.of("421200-SCJG", "421200-FGW")), admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("leadUnit").asText()).isEqualTo("421200-KJJ");
        assertThat(r.json().get("leadUnitName").asText()).isEqualTo("咸宁市科学技术局");
        assertThat(r.json().get("assignment").asText()).isEqualTo("ASSIGNED");

        // the export shows it; the rest of the file is as it was, comments included
        String yaml = exportYaml(id);
        Map<String, Object> doc = PlanTestFiles.parse(yaml);
        Map<String, Object> m41 = PlanTestFiles.measure(doc, "M04.1");
        assertThat(m41.get("lead_unit")).isEqualTo("421200-KJJ");
        assertThat(m41.get("co_units")).isEqualTo(List.of("421200-SCJG", "421200-FGW"));
        assertThat(m41.get("assignment")).isEqualTo("ASSIGNED");
        Map<String, Object> original = PlanTestFiles.parse(PlanTestFiles.copy(id));
        PlanTestFiles.measure(original, "M04.1").putAll(Map.of("lead_unit", "421200-KJJ",
                "co_units", List.of("421200-SCJG", "421200-FGW"), "assignment", "ASSIGNED"));
        assertThat(doc).isEqualTo(original);
        assertThat(yaml).contains("# 四、主要措施: 12 measure groups");

        JsonNode plan = api.get("/api/v1/plans/" + id, admin).json();
        assertThat(plan.get("version").asInt()).isEqualTo(2);
        JsonNode projected = plan.get("measureGroups").get(3).get("measures").get(0);
        assertThat(projected.get("leadUnit").asText()).isEqualTo("421200-KJJ");
        assertThat(projected.get("coUnitNames").toString()).contains("咸宁市发展和改革委员会");

        // audited with the state before and after
        JsonNode audit = api.get("/api/v1/audit?module=plan&entityType=measure&entityId=" + id + "/M04.1", api.token("auditadmin")).json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
        JsonNode entry = audit.get("items").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("UPDATE_UNITS");
        assertThat(entry.get("actor").asText()).isEqualTo("admin");
        assertThat(entry.get("before").asText()).contains("421200-SCJG").contains("INFERRED");
        assertThat(entry.get("after").asText()).contains("421200-KJJ").contains("ASSIGNED");

        // bad input names the field and changes nothing
        TestApi.Response bad = api.put("/api/v1/plans/" + id + "/measures/M04.1/units",
                Map.of("leadUnit", "NOPE", "coUnits", List.of("421200-KJJ")), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("leadUnit");
        TestApi.Response leadAlsoCo = api.put("/api/v1/plans/" + id + "/measures/M04.1/units",
                Map.of("leadUnit", "421200-KJJ", "coUnits", List.of("421200-KJJ")), admin);
        assertThat(leadAlsoCo.status()).isEqualTo(400);
        assertThat(leadAlsoCo.json().get("errors").get(0).get("field").asText()).isEqualTo("coUnits[0]");
        assertThat(api.put("/api/v1/plans/" + id + "/measures/M99.9/units",
                Map.of("leadUnit", "421200-KJJ", "coUnits", List.of()), admin).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plans/" + id, admin).json().get("version").asInt()).isEqualTo(2);

        // replacing the plan is audited too, with a summary before and after
        assertThat(putYaml("/api/v1/plans/" + id, PlanTestFiles.copy(id), admin).status()).isEqualTo(200);
        JsonNode replaced = api.get("/api/v1/audit?module=plan&entityType=plan&entityId=" + id + "&action=REPLACE", api.token("auditadmin"))
                .json().get("items").get(0);
        assertThat(replaced.get("before").asText()).contains("\"version\": 2").contains("\"measures\": 57");
        assertThat(replaced.get("after").asText()).contains("\"version\": 3");
    }

    /** GET with {@code Accept: application/yaml} (TestApi always asks for JSON). */
    private String yamlByAccept(String id) {
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(api.base() + "/api/v1/plans/" + id))
                    .header("Authorization", "Bearer " + admin).header("Accept", "application/yaml").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
            return r.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int lineOf(String text, String passage) {
        int at = text.indexOf(passage);
        assertThat(at).as(passage).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
