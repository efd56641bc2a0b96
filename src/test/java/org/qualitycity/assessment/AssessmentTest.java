package org.qualitycity.assessment;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 4 and 5: the annual assessment, its breakdown, weights, publication and exports. */
@QcIntegrationTest
class AssessmentTest {

    static final int YEAR = 2018;

    @LocalServerPort
    int port;
    @Autowired
    Units units;

    private JsonNode run(TestApi api, int year) throws InterruptedException {
        TestApi.Response r = api.post("/api/v1/assessments/" + year + "/run", null, api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        long job = r.json().get("jobId").asLong();
        Await.jobSucceeded(api, job, api.token("admin"));
        return api.get("/api/v1/assessments/" + year, api.token("admin")).json();
    }

    private static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    private static Map<String, JsonNode> byUnit(JsonNode a) {
        Map<String, JsonNode> m = new HashMap<>();
        a.get("districts").forEach(s -> m.put(s.get("unitCode").asText(), s));
        a.get("departments").forEach(s -> m.put(s.get("unitCode").asText(), s));
        return m;
    }

    private static BigDecimal line(JsonNode score, String code) {
        for (JsonNode l : score.get("lines")) {
            if (l.get("code").asText().equals(code)) {
                return dec(l.get("points"));
            }
        }
        throw new AssertionError("no line " + code + " in " + score);
    }

    private static BigDecimal lineOrZero(JsonNode score, String code) {
        for (JsonNode l : score.get("lines")) {
            if (l.get("code").asText().equals(code)) {
                return dec(l.get("points"));
            }
        }
        return BigDecimal.ZERO;
    }

    private static void checkSumsAndRanks(JsonNode group) {
        for (JsonNode s : group) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode l : s.get("lines")) {
                sum = sum.add(dec(l.get("points")));
            }
            assertThat(sum.compareTo(dec(s.get("total")))).as("lines of %s sum to the total", s.get("unitCode"))
                    .isZero();
            if (s.get("rank").isNull()) {
                // nothing to assess: not ranked (issue 10 item 6)
                assertThat(s.get("rankNote").asText()).isNotBlank();
                continue;
            }
            long higher = 0;
            for (JsonNode o : group) {
                if (!o.get("rank").isNull() && dec(o.get("total")).compareTo(dec(s.get("total"))) > 0) {
                    higher++;
                }
            }
            assertThat(s.get("rank").asLong()).isEqualTo(higher + 1);
        }
    }

    @Test
    void everyUnitIsScoredWeightsCountAndPublicationLocks() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        // an overdue task of 赤壁市 in 2018 costs it task points
        long task = TaskTestSupport.createTask(api, "421281", "赤壁市2018年逾期任务-考核测试", LocalDate.of(2018, 6, 29));
        assertThat(TaskTestSupport.act(api, task, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);

        JsonNode first = run(api, YEAR);
        List<Unit> areas = units.all().stream().filter(u -> u.active() && u.isArea()).toList();
        List<Unit> depts = units.all().stream().filter(u -> u.active() && u.kind() == Unit.Kind.DEPARTMENT).toList();
        assertThat(first.get("districts")).as(first.toString()).hasSize(areas.size());
        assertThat(first.get("departments")).hasSize(depts.size());
        assertThat(first.get("state").asText()).isEqualTo("DRAFT");
        checkSumsAndRanks(first.get("districts"));
        checkSumsAndRanks(first.get("departments"));
        Map<String, JsonNode> before = byUnit(first);
        assertThat(line(before.get("421281"), "TASK")).isLessThan(new BigDecimal("25"));
        boolean someIndicatorEvaluated = false;
        for (JsonNode s : first.get("districts")) {
            for (JsonNode l : s.get("lines")) {
                if (l.get("code").asText().equals("IND") && l.get("detail").asText().contains("评价")) {
                    someIndicatorEvaluated = true;
                }
            }
        }
        assertThat(someIndicatorEvaluated).as("districts' indicator lines come from indicator results").isTrue();

        // a unit sees its own breakdown only, and may object
        TestApi.Response ownR = api.get("/api/v1/assessments/" + YEAR, api.token("tongcheng"));
        assertThat(ownR.status()).as(ownR.toString()).isEqualTo(200);
        JsonNode own = ownR.json();
        assertThat(own.get("districts")).hasSize(1);
        assertThat(own.get("districts").get(0).get("unitCode").asText()).isEqualTo("421222");
        assertThat(own.get("departments")).isEmpty();
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/objections", Map.of("text", "通城县2018年抽查合格率数据有误"),
                api.token("tongcheng")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/objections", Map.of("text", ""),
                api.token("tongcheng")).status()).isEqualTo(400);

        // one weight changed: the indicator item of the districts from 50 to 60 points
        TestApi.Response put = api.put("/api/v1/assessment-schemes/" + YEAR + "/AREA", Map.of("items",
                List.of(Map.of("code", "IND", "maxPoints", 60)), "note", "指标权重调整"), admin);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(2);
        assertThat(api.put("/api/v1/assessment-schemes/" + YEAR + "/AREA", Map.of("items",
                List.of(Map.of("code", "IND", "maxPoints", -1))), admin).status()).isEqualTo(400);
        JsonNode second = run(api, YEAR);
        checkSumsAndRanks(second.get("districts"));
        Map<String, JsonNode> after = byUnit(second);
        for (Unit u : areas) {
            BigDecimal oldInd = line(before.get(u.code()), "IND");
            BigDecimal newInd = line(after.get(u.code()), "IND");
            BigDecimal expected = oldInd.multiply(new BigDecimal("1.2"));
            assertThat(newInd.subtract(expected).abs()).as("IND of %s: %s -> %s", u.code(), oldInd, newInd)
                    .isLessThanOrEqualTo(new BigDecimal("0.01"));
            BigDecimal delta = dec(after.get(u.code()).get("total")).subtract(dec(before.get(u.code()).get("total")));
            // the indicator line and, where an item did not apply, the scaling of the applicable points (issue 10)
            BigDecimal scaledDelta = newInd.add(lineOrZero(after.get(u.code()), "SCALE"))
                    .subtract(oldInd.add(lineOrZero(before.get(u.code()), "SCALE")));
            assertThat(delta.compareTo(scaledDelta)).isZero();
        }
        for (Unit d : depts) {
            assertThat(dec(after.get(d.code()).get("total")).compareTo(dec(before.get(d.code()).get("total")))).isZero();
        }

        // an adjustment with a reason
        TestApi.Response adj = api.post("/api/v1/assessments/" + YEAR + "/adjustments", Map.of("unitCode", "421222",
                "points", 1.5, "reason", "异议核实：抽查数据更正"), admin);
        assertThat(adj.status()).as(adj.toString()).isEqualTo(200);
        JsonNode adjusted = byUnit(adj.json()).get("421222");
        assertThat(dec(adjusted.get("total")).subtract(dec(after.get("421222").get("total"))))
                .isEqualByComparingTo("1.5");
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/adjustments", Map.of("unitCode", "421222",
                "points", 1), admin).status()).isEqualTo(400);
        JsonNode current = api.get("/api/v1/assessments/" + YEAR, admin).json();
        checkSumsAndRanks(current.get("districts"));

        // exports: every unit's score and rank
        Map<String, JsonNode> finalScores = byUnit(current);
        byte[] xlsx = api.getBytes("/api/v1/assessments/" + YEAR + "/export", admin);
        int rows = 0;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                JsonNode s = finalScores.get(row.getCell(2).getStringCellValue());
                assertThat(s).isNotNull();
                assertThat(row.getCell(1) == null ? 0L : (long) row.getCell(1).getNumericCellValue())
                        .isEqualTo(s.get("rank").asLong(0));
                assertThat(new BigDecimal(row.getCell(4).getStringCellValue())).isEqualByComparingTo(dec(s.get("total")));
                rows++;
            }
        }
        assertThat(rows).isEqualTo(areas.size() + depts.size());
        byte[] docx = api.getBytes("/api/v1/assessments/" + YEAR + "/circular", admin);
        Map<String, String[]> inWord = new HashMap<>();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(doc.getParagraphs().get(0).getText()).contains(YEAR + "年度");
            for (XWPFTable t : doc.getTables()) {
                for (XWPFTableRow r : t.getRows().subList(1, t.getRows().size())) {
                    inWord.put(r.getCell(1).getText(), new String[]{r.getCell(0).getText(), r.getCell(2).getText()});
                }
            }
        }
        assertThat(inWord).hasSize(areas.size() + depts.size());
        for (JsonNode s : finalScores.values()) {
            String[] w = inWord.get(s.get("unitName").asText());
            assertThat(w).as("%s in the circular", s.get("unitName")).isNotNull();
            String rankText = s.get("rank").isNull() ? s.get("rankNote").asText()
                    : s.get("tied").asBoolean() ? s.get("rank").asText() + " " + s.get("rankNote").asText()
                    : s.get("rank").asText();
            assertThat(w[0]).isEqualTo(rankText);
            assertThat(new BigDecimal(w[1])).isEqualByComparingTo(dec(s.get("total")));
        }

        // the pages render in both languages, with the breakdown and the administrator's forms
        org.qualitycity.support.WebSession page = org.qualitycity.support.WebSession.loggedIn(port, "admin");
        for (String path : List.of("/assessments/" + YEAR, "/assessments", "/assessments/schemes?year=" + YEAR)) {
            for (String lang : List.of("zh-CN", "en")) {
                var p = page.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(p.status()).as(path).isEqualTo(200);
                assertThat(p.body()).as(path).doesNotContain("??");
            }
        }
        assertThat(page.get("/assessments/" + YEAR + "?lang=zh-CN").body()).contains("通城县").contains("调整：异议核实")
                .contains("发布");
        assertThat(page.get("/assessments/schemes?year=" + YEAR).body()).contains("v2");
        page.get("/?lang=zh-CN");

        // publish: locked
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/publish", null, api.token("tongcheng")).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/publish", null, admin).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/run", null, admin).status()).isEqualTo(409);
        assertThat(api.put("/api/v1/assessment-schemes/" + YEAR + "/AREA", Map.of("items",
                List.of(Map.of("code", "IND", "maxPoints", 40))), admin).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/adjustments", Map.of("unitCode", "421222",
                "points", 1, "reason", "x"), admin).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/assessments/" + YEAR + "/objections", Map.of("text", "again"),
                api.token("tongcheng")).status()).isEqualTo(409);
        JsonNode published = api.get("/api/v1/assessments/" + YEAR, admin).json();
        assertThat(published.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(byUnit(published).get("421222").get("total").asText()).isEqualTo(adjusted.get("total").asText());
    }
}
