package org.qualitycity.plan;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's pages: in Chinese and English without missing keys; import with confirmation; the units form. */
@QcIntegrationTest
class PlanPageIntegrationTest {

    @LocalServerPort
    int port;

    private static final List<String> PAGES = List.of("/plan", "/plan/overview", "/plan/indicators", "/plan/indicators?area=SERVICE",
            "/plan/measures", "/plan/measures/M04.1/edit", "/plan/import");

    @Test
    void pagesRenderInChineseAndEnglishWithoutMissingKeys() {
        WebSession s = WebSession.loggedIn(port, "admin");
        for (String path : PAGES) {
            String sep = path.contains("?") ? "&" : "?";
            var zh = s.get(path + sep + "lang=zh-CN");
            assertThat(zh.status()).as(path).isEqualTo(200);
            assertThat(zh.body()).as(path).doesNotContain("??").contains("工作方案");
            var en = s.get(path + sep + "lang=en");
            assertThat(en.status()).as(path).isEqualTo(200);
            assertThat(en.body()).as(path).doesNotContain("??").contains("Plan overview");
        }
        s.get("/?lang=zh-CN");
    }

    @Test
    void theOverviewShowsThePlanItsPhasesAndGoals() {
        String body = WebSession.loggedIn(port, "tongcheng").get("/plan?lang=zh-CN").body();
        assertThat(body).contains("咸政办发〔2017〕24号").contains("咸宁市创建全国质量强市示范城市工作方案")
                .contains("2017-03-01 ~ 2020-12-31")
                .contains("动员部署").contains("组织实施").contains("城市自查").contains("预验收考核").contains("申请验收")
                .contains("2017-07-20").contains("id=\"plan-today\"")
                .contains("产品质量安全指标全面达到国家强制性标准要求").contains("行政审批更加便捷高效");
        assertThat(body.split("class=\"qc-timeline-seg", -1)).hasSize(6);
    }

    @Test
    void theIndicatorTableShowsTargetsInWordsFilteredByArea() throws IOException {
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        String all = s.get("/plan/indicators?lang=zh-CN").body();
        assertThat(all).contains("≥ 95 %").contains("同比增长").contains("排名 ≤ 5").contains("累计 ≥ 1 个（2020-12-31 前）")
                .contains("定性评定").contains("每 2 年 ≥ 1 次").contains("逐年下降").contains("&lt; 全国");
        String service = s.get("/plan/indicators?area=SERVICE&lang=zh-CN").body();
        assertThat(service).contains("id=\"indicator-S1\"").contains("id=\"indicator-C6\"")
                .doesNotContain("id=\"indicator-P1\"").doesNotContain("id=\"indicator-W3\"");

        WebSession.Download xlsx = s.download("/plan/indicators/export?area=PRODUCT");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).contains("spreadsheetml");
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("P1");
            // P1–P8 and the product count targets C1–C5
            assertThat(sheet.getLastRowNum()).isEqualTo(13);
            assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("≥ 96 %");
        }
    }

    @Test
    void theMeasuresPageListsTheTwelveGroupsWithTheirLeadUnits() {
        String body = WebSession.loggedIn(port, "tongcheng").get("/plan/measures?lang=zh-CN").body();
        assertThat(body.split("<section class=\"qc-card p-0\"", -1)).hasSize(13);
        assertThat(body).contains("四.(十二).4").contains("咸宁市市场监督管理局").contains("推断")
                .doesNotContain("/plan/measures/M04.1/edit");
        String admin = WebSession.loggedIn(port, "admin").get("/plan/measures?lang=zh-CN").body();
        assertThat(admin).contains("/plan/measures/M04.1/edit");
    }

    @Test
    void districtOfficersSeeThePlanButNotTheImport() {
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        String home = s.get("/?lang=zh-CN").body();
        assertThat(home).contains("href=\"/plan/overview\"").contains("href=\"/plan/indicators\"").doesNotContain("href=\"/plan/import\"");
        assertThat(s.get("/plan/import").status()).isEqualTo(403);
        assertThat(s.get("/plan/measures/M04.1/edit").status()).isEqualTo(403);
        assertThat(new WebSession(port).get("/plan").status()).isEqualTo(302);
    }

    @Test
    void anInvalidUploadListsEveryProblemWithItsLineAndAValidOneAsksForConfirmation() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        WebSession s = WebSession.loggedIn(port, "admin");
        int version = api.get("/api/v1/plans/current", admin).json().get("version").asInt();
        String bundled = PlanTestFiles.bundledText();

        s.get("/plan/import?lang=zh-CN");
        String broken = bundled.replace("  - code: P2\n", "  - code: P1\n")
                .replace("        lead_unit: \"421200-CZJ\"", "        lead_unit: \"421200-NOPE\"");
        var checked = s.postForm("/plan/import", Map.of("text", broken));
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.body()).contains("id=\"plan-problems\"").contains("indicators[1].code")
                .contains("measure_groups[0].measures[5].lead_unit").contains("421200-NOPE").contains("行");
        assertThat(checked.body()).doesNotContain("id=\"plan-confirm\"");

        var valid = s.postForm("/plan/import", Map.of("text", bundled));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body()).contains("id=\"plan-confirm\"").contains("xianning-2017")
                .contains("版本 " + version + " → " + (version + 1));
        assertThat(api.get("/api/v1/plans/current", admin).json().get("version").asInt())
                .as("checking changes nothing").isEqualTo(version);

        var confirmed = s.postForm("/plan/import/confirm", Map.of("text", bundled));
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(confirmed.location()).endsWith("/plan");
        assertThat(api.get("/api/v1/plans/current", admin).json().get("version").asInt()).isEqualTo(version + 1);

        WebSession.Download file = s.download("/plan/download");
        assertThat(file.status()).isEqualTo(200);
        assertThat(new String(file.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(bundled);
    }

    @Test
    void theCityAdminAssignsAMeasuresUnitsWithTheForm() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String id = "page-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.send("POST", "/api/v1/plans", PlanTestFiles.copy(id), admin, "application/yaml").status())
                .isEqualTo(201);
        WebSession s = WebSession.loggedIn(port, "admin");
        var form = s.get("/plan/measures/M09.2/edit?plan=" + id + "&lang=zh-CN");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("开展政府工作质量满意度测评").contains("name=\"coUnits\"");

        var invalid = s.postForm("/plan/measures/M09.2/units?plan=" + id, Map.of("leadUnit", "",
                "coUnits", List.of("421200-TJJ")));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("invalid-feedback");

        var saved = s.postForm("/plan/measures/M09.2/units?plan=" + id, Map.of("leadUnit", "421200-TJJ",
                "coUnits", List.of("421200-ZQB", "421200-SCJG")));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).contains("/plan/measures?plan=" + id).endsWith("#M09.2");
        var m92 = PlanTestFiles.measure(PlanTestFiles.parse(api.get("/api/v1/plans/" + id + "?format=yaml", admin).body()),
                "M09.2");
        assertThat(m92.get("lead_unit")).isEqualTo("421200-TJJ");
        assertThat(m92.get("co_units")).isEqualTo(List.of("421200-ZQB", "421200-SCJG"));
        assertThat(s.get("/plan/measures?plan=" + id + "&lang=zh-CN").body()).contains("咸宁市统计局");
    }
}
