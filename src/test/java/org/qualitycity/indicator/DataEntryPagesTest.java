package org.qualitycity.indicator;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.Multipart;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, data entry and review pages: the Excel upload page (preview with errors by row and column, nothing
 * stored before the confirmation, then all or nothing), the entry form that keeps what was typed and marks each bad
 * field in the screen's language, the period picker, and the review list (filters, rate, previous period,
 * outliers, approve and return per row and in bulk, export) with its scope.
 * Each test uses its own periods of 2012 (before any demo data).
 */
@QcIntegrationTest
class DataEntryPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private long stored(String unit, String period) {
        return jdbc.sql("""
                        SELECT count(*) FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                        WHERE u.code = :u AND v.period = :p""")
                .param("u", unit).param("p", period).query(Long.class).single();
    }

    private String status(String element, String unit, String period) {
        return jdbc.sql("""
                        SELECT v.status FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                        WHERE u.code = :u AND v.period = :p AND v.element_code = :e""")
                .param("u", unit).param("p", period).param("e", element).query(String.class).single();
    }

    private static Multipart.Part file(List<Object[]> rows) {
        return new Multipart.Part("values.xlsx", IndicatorUploadSupport.workbook(rows), XLSX);
    }

    @Test
    void theUploadPreviewNamesTheBadRowAndColumnStoresNothingAndTheConfirmationStoresAll() {
        TestApi api = new TestApi(port);
        Multipart tongcheng = Multipart.browser(api, "tongcheng");
        var uploadPage = tongcheng.page("/indicators/upload?unitCode=421222&year=2012&part=Q1&lang=zh-CN");
        assertThat(uploadPage.statusCode()).isEqualTo(200);
        // the template of the user's unit and period is offered on the page and downloads as .xlsx
        assertThat(uploadPage.body()).contains("id=\"template-download\"").contains("<option value=\"2012Q1\" selected=\"selected\">");
        var template = tongcheng.bytes("/api/v1/indicator-values/template?period=2012Q1&unitCode=421222");
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(new String(template.body(), 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        // a bad cell in row 3, column G (the value)
        var staged = tongcheng.postForm("/indicators/upload", Map.of("file", file(List.of(
                new Object[]{"421222", "G4_VILLAGES_TREATED", "2012Q1", 5},
                new Object[]{"421222", "G4_VILLAGES", "2012Q1", "十"}))));
        assertThat(staged.statusCode()).isEqualTo(302);
        String preview = staged.headers().firstValue("Location").orElseThrow();
        assertThat(preview).matches(".*/indicators/upload/[0-9a-f-]{36}");
        var page = tongcheng.page(preview);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<td>3</td><td>G</td>").contains("“十”不是数字")
                .doesNotContain("id=\"upload-confirm\"");
        assertThat(stored("421222", "2012Q1")).isZero();
        // the preview in English: the same error, in English only
        var english = tongcheng.page(preview + "?lang=en");
        assertThat(english.body()).contains("<td>3</td><td>G</td>").contains("is not a number").doesNotContain("不是数字");
        // confirming a bad file anyway stores nothing
        tongcheng.page(preview);
        var refused = tongcheng.postForm(preview + "/confirm", Map.of());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(stored("421222", "2012Q1")).isZero();

        // a good file: the preview lists both values, still nothing stored
        tongcheng.page("/indicators/upload");
        var good = tongcheng.postForm("/indicators/upload", Map.of("file", file(List.of(
                new Object[]{"421222", "G4_VILLAGES_TREATED", "2012Q1", 5},
                new Object[]{"421222", "G4_VILLAGES", "2012Q1", 8}))));
        String goodPreview = good.headers().firstValue("Location").orElseThrow();
        String id = goodPreview.substring(goodPreview.lastIndexOf('/') + 1);
        var goodPage = tongcheng.page(goodPreview + "?lang=zh-CN");
        assertThat(goodPage.body()).contains("id=\"upload-confirm\"").contains("确认导入 2 个数值")
                .contains("行政村总数").doesNotContain("id=\"upload-problems\"");
        assertThat(stored("421222", "2012Q1")).isZero();

        // another user cannot see or confirm the staged file
        Multipart chibi = Multipart.browser(api, "chibi");
        assertThat(chibi.page(goodPreview).statusCode()).isEqualTo(404);
        chibi.page("/indicators/upload");
        assertThat(chibi.postForm(goodPreview + "/confirm", Map.of()).statusCode()).isEqualTo(404);
        assertThat(stored("421222", "2012Q1")).isZero();

        // the confirmation stores every value as a draft, audited, and removes the staged file
        tongcheng.page(goodPreview);
        var confirmed = tongcheng.postForm(goodPreview + "/confirm", Map.of());
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith("/indicators/upload");
        assertThat(stored("421222", "2012Q1")).isEqualTo(2);
        assertThat(status("G4_VILLAGES", "421222", "2012Q1")).isEqualTo("DRAFT");
        assertThat(jdbc.sql("SELECT count(*) FROM platform_audit WHERE module = 'indicator' AND entity_type = 'upload' "
                + "AND action = 'CONFIRM' AND entity_id = :id").param("id", id).query(Long.class).single()).isEqualTo(1);
        assertThat(tongcheng.page(goodPreview).statusCode()).isEqualTo(404);
    }

    @Test
    void theUploadPreviewOfAnotherDistrictsRowIsAnErrorWithoutItsName() {
        Multipart tongcheng = Multipart.browser(new TestApi(port), "tongcheng");
        tongcheng.page("/indicators/upload");
        var staged = tongcheng.postForm("/indicators/upload", Map.of("file", file(List.<Object[]>of(
                new Object[]{"421281", "G4_VILLAGES", "2012Q1", 3}))));
        var page = tongcheng.page(staged.headers().firstValue("Location").orElseThrow() + "?lang=zh-CN");
        assertThat(page.body()).contains("<td>2</td><td>A</td>").contains("您不负责填报单位 421281")
                .doesNotContain("赤壁").doesNotContain("id=\"upload-confirm\"");
        assertThat(stored("421281", "2012Q1")).isZero();
    }

    @Test
    void anInvalidFormKeepsEveryTypedValueAndMarksEachBadFieldInChineseAndInEnglish() {
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        String form = "/indicators/entry?unitCode=421222&period=2012Q2";
        assertThat(s.get(form + "&lang=zh-CN").status()).isEqualTo(200);
        var notANumber = s.postForm("/indicators/entry", Map.of("unitCode", "421222", "period", "2012Q2",
                "v_G4_VILLAGES_TREATED", "12", "v_G4_VILLAGES", "1O"));
        assertThat(notANumber.status()).isEqualTo(200);
        assertThat(notANumber.body()).contains("value=\"12\"").contains("value=\"1O\"")
                .contains("行政村总数：“1O”不是数字");
        assertThat(input(notANumber.body(), "v_G4_VILLAGES")).contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"err_G4_VILLAGES\"");
        assertThat(input(notANumber.body(), "v_G4_VILLAGES_TREATED")).doesNotContain("aria-invalid");
        // the server's own checks: numerator above denominator, a negative value
        var ratio = s.postForm("/indicators/entry", Map.of("unitCode", "421222", "period", "2012Q2",
                "v_G4_VILLAGES_TREATED", "12", "v_G4_VILLAGES", "10", "v_G6_DISCHARGED", "-1"));
        assertThat(ratio.status()).isEqualTo(200);
        assertThat(ratio.body()).contains("value=\"12\"").contains("value=\"10\"").contains("value=\"-1\"")
                .contains("生活垃圾得到有效治理的行政村数（12）不能大于行政村总数（10）").contains("不能为负数");
        assertThat(input(ratio.body(), "v_G4_VILLAGES_TREATED")).contains("aria-invalid=\"true\"");
        assertThat(input(ratio.body(), "v_G6_DISCHARGED")).contains("aria-invalid=\"true\"");
        assertThat(stored("421222", "2012Q2")).isZero();

        // the same in English, without any Chinese message
        s.get(form + "&lang=en");
        var english = s.postForm("/indicators/entry", Map.of("unitCode", "421222", "period", "2012Q2",
                "v_G4_VILLAGES_TREATED", "12", "v_G4_VILLAGES", "10"));
        assertThat(english.body()).contains("value=\"12\"").contains("value=\"10\"")
                .contains("Administrative villages with household waste treated (12) must not exceed "
                        + "Administrative villages (10)")
                .doesNotContain("不能大于");
        var englishNumber = s.postForm("/indicators/entry", Map.of("unitCode", "421222", "period", "2012Q2",
                "v_G4_VILLAGES", "ten"));
        assertThat(englishNumber.body()).contains("value=\"ten\"")
                .contains("Administrative villages: &quot;ten&quot; is not a number")
                .doesNotContain("不是数字");
        assertThat(stored("421222", "2012Q2")).isZero();
        // the browser checks too: numbers not below 0, the numerator tied to its denominator, the script present
        String numerator = input(english.body(), "v_G4_VILLAGES_TREATED");
        assertThat(numerator).contains("type=\"number\"").contains("min=\"0\"").contains("data-denominator=\"v_G4_VILLAGES\"")
                .contains("data-error-ratio=\"Administrative villages with household waste treated must not exceed");
        assertThat(english.body()).contains("/js/indicator-entry");
    }

    /** The {@code <input>} tag of the named field. */
    private static String input(String html, String name) {
        int at = html.indexOf("name=\"" + name + "\"");
        assertThat(at).as(name).isPositive();
        return html.substring(html.lastIndexOf("<input", at), html.indexOf('>', at) + 1);
    }

    @Test
    void thePeriodPickerOpensAndPostsTheCanonicalPeriod() {
        WebSession s = WebSession.loggedIn(port, "tongcheng");
        var page = s.get("/indicators/entry?unitCode=421222&year=2012&part=Q3&lang=zh-CN");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<input type=\"hidden\" name=\"period\" value=\"2012Q3\">")
                .contains("<option value=\"2012\" selected=\"selected\">2012</option>")
                .contains("<option value=\"Q3\" selected=\"selected\">第3季度</option>")
                .doesNotContain("name=\"period\" value=\"2012Q3\" maxlength");
        var saved = s.postForm("/indicators/entry", Map.of("unitCode", "421222", "period", "2012Q3",
                "v_G4_VILLAGES", "4"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).contains("period=2012Q3");
        assertThat(status("G4_VILLAGES", "421222", "2012Q3")).isEqualTo("DRAFT");
        // the canonical form is still accepted, a bad part is a 400
        assertThat(s.get("/indicators/entry?unitCode=421222&period=2012Q3").body())
                .contains("<option value=\"Q3\" selected=\"selected\">");
        assertThat(s.get("/indicators/entry?unitCode=421222&year=2012&part=Q5").status()).isEqualTo(400);
    }

    /** 赤壁市 reports and submits G4 for two quarters of 2012: Q2 drops its denominator to 4 (rate 225 %, change). */
    private static void chibiSubmits(TestApi api) {
        String chibi = api.token("chibi");
        for (var q : List.of(new Object[]{"2012Q1", 8, 10}, new Object[]{"2012Q2", 9, 10})) {
            var r = api.put("/api/v1/indicator-values", Map.of("unitCode", "421281", "period", q[0], "values", List.of(
                    Map.of("element", "G4_VILLAGES_TREATED", "value", q[1]), Map.of("element", "G4_VILLAGES", "value", q[2]))), chibi);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        // the denominator alone, afterwards: the numerator is not checked again, so the rate goes above 100 %
        var lower = api.put("/api/v1/indicator-values", Map.of("unitCode", "421281", "period", "2012Q2", "values",
                List.of(Map.of("element", "G4_VILLAGES", "value", 4))), chibi);
        assertThat(lower.status()).as(lower.body()).isEqualTo(200);
        List<Map<String, String>> keys = new ArrayList<>();
        for (String p : List.of("2012Q1", "2012Q2")) {
            for (String e : List.of("G4_VILLAGES_TREATED", "G4_VILLAGES")) {
                keys.add(Map.of("element", e, "unitCode", "421281", "period", p));
            }
        }
        var submit = api.post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", keys), chibi);
        assertThat(submit.status()).as(submit.body()).isEqualTo(200);
    }

    /** The table row of the review list with this key. */
    private static String row(String html, String key) {
        int at = html.indexOf("value=\"" + key + "\"");
        assertThat(at).as(key).isPositive();
        return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
    }

    @Test
    void theReviewListFiltersShowsRateAndPreviousFlagsOutliersApprovesInBulkAndReturnsWithAReason() throws Exception {
        TestApi api = new TestApi(port);
        chibiSubmits(api);
        WebSession admin = WebSession.loggedIn(port, "admin");
        String filter = "/indicators/review?unitCode=421281&year=2012&indicator=G4&lang=zh-CN";
        var list = admin.get(filter);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("for=\"f-unit\"").contains("for=\"pick-year\"").contains("for=\"f-indicator\"");
        String q2Passed = row(list.body(), "G4_VILLAGES_TREATED|421281|2012Q2");
        // rate 9 / 4 × 100, previous period's 8, flagged by symbol and word
        assertThat(q2Passed).contains("225").contains("⚠ 异常").contains("超过 100%").contains(">8<");
        String q2Accepted = row(list.body(), "G4_VILLAGES|421281|2012Q2");
        assertThat(q2Accepted).contains("⚠ 异常").contains("2012Q1").contains(">10<");
        String q1Passed = row(list.body(), "G4_VILLAGES_TREATED|421281|2012Q1");
        assertThat(q1Passed).contains("80").doesNotContain("⚠ 异常");
        // the filters: another indicator, another quarter
        assertThat(admin.get("/indicators/review?unitCode=421281&year=2012&indicator=G6").body())
                .doesNotContain("G4_VILLAGES_TREATED|421281|2012");
        String q1Only = admin.get("/indicators/review?unitCode=421281&year=2012&part=Q1&indicator=G4").body();
        assertThat(q1Only).contains("G4_VILLAGES_TREATED|421281|2012Q1").doesNotContain("G4_VILLAGES_TREATED|421281|2012Q2");

        // export of the filtered list
        var xlsx = admin.download("/indicators/review/export?unitCode=421281&year=2012&part=Q2&indicator=G4&lang=zh-CN");
        assertThat(xlsx.status()).isEqualTo(200);
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("单位");
            List<String> periods = new ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                periods.add(sheet.getRow(i).getCell(1).getStringCellValue());
                assertThat(sheet.getRow(i).getCell(0).getStringCellValue()).isEqualTo("赤壁市");
                assertThat(sheet.getRow(i).getCell(8).getStringCellValue()).isNotBlank();
            }
            assertThat(periods).containsOnly("2012Q2");
        }

        // bulk approve the two Q2 values: one action, both approved
        admin.get(filter);
        var approved = admin.postForm("/indicators/review", Map.of("keys", List.of("G4_VILLAGES_TREATED|421281|2012Q2",
                "G4_VILLAGES|421281|2012Q2"), "action", "APPROVE", "unitCode", "421281", "year", "2012", "indicator", "G4"));
        assertThat(approved.status()).isEqualTo(302);
        assertThat(approved.location()).contains("unitCode=421281").contains("indicator=G4");
        assertThat(status("G4_VILLAGES_TREATED", "421281", "2012Q2")).isEqualTo("APPROVED");
        assertThat(status("G4_VILLAGES", "421281", "2012Q2")).isEqualTo("APPROVED");
        // a return of one row needs its reason
        admin.get(filter);
        var noReason = admin.postForm("/indicators/review", Map.of("row", "RETURN|G4_VILLAGES_TREATED|421281|2012Q1",
                "comment", " ", "unitCode", "421281"));
        assertThat(noReason.status()).isEqualTo(302);
        assertThat(status("G4_VILLAGES_TREATED", "421281", "2012Q1")).isEqualTo("SUBMITTED");
        var returned = admin.postForm("/indicators/review", Map.of("row", "RETURN|G4_VILLAGES_TREATED|421281|2012Q1",
                "comment", "请核实合格数", "keys", "G4_VILLAGES|421281|2012Q1"));
        assertThat(returned.status()).isEqualTo(302);
        assertThat(status("G4_VILLAGES_TREATED", "421281", "2012Q1")).isEqualTo("RETURNED");
        assertThat(status("G4_VILLAGES", "421281", "2012Q1")).as("only the row's own value").isEqualTo("SUBMITTED");
        assertThat(jdbc.sql("""
                        SELECT v.comment FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                        WHERE u.code = '421281' AND v.period = '2012Q1' AND v.element_code = 'G4_VILLAGES_TREATED'""")
                .query(String.class).single()).isEqualTo("请核实合格数");
    }

    @Test
    void aDistrictOfficerNeitherReviewsNorExportsNorSeesAnotherDistrictsValues() {
        WebSession tongcheng = WebSession.loggedIn(port, "tongcheng");
        assertThat(tongcheng.get("/indicators/review").status()).isEqualTo(403);
        assertThat(tongcheng.download("/indicators/review/export").status()).isEqualTo(403);
        tongcheng.get("/indicators/entry");
        assertThat(tongcheng.postForm("/indicators/review", Map.of("action", "APPROVE",
                "keys", "G4_VILLAGES|421281|2012Q1")).status()).isEqualTo(403);
        assertThat(tongcheng.get("/indicators/entry?unitCode=421281&period=2012Q1").status()).isEqualTo(404);
        assertThat(tongcheng.get("/indicators/upload?unitCode=421281").status()).isEqualTo(404);
    }
}
