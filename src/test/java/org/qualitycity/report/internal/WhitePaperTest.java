package org.qualitycity.report.internal;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18, acceptance 1: the white paper of a year is generated as a job, opens, holds every chapter, its P2 table
 * equals the analytics API's values (this year and the year before, per area), and rendering it again from its
 * snapshot gives the same bytes. Also: editing, publication (frozen), the public list and download, who may do what.
 */
@QcIntegrationTest
class WhitePaperTest {

    @LocalServerPort
    int port;
    @Autowired
    Units units;
    @Autowired
    ReportService service;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReportWarmUp warmUp;
    @Autowired
    ContentBuilder content;
    @Autowired
    DocxWriter writer;

    /**
     * The first white paper after a start does not pay for loading the document machinery: the application renders a
     * throw-away document in the background once it is ready (the figures: docs/benchmarks/issue-18-report.md).
     * Test contexts switch it off (src/test/resources/config/application.properties): the context's warm-up completing
     * (with nothing rendered) proves that the ready event reached it; a warm-up switched on, started as that event
     * starts it, renders the document.
     */
    @Test
    void theDocumentMachineryIsWarmedUpOnceTheApplicationIsReady() throws Exception {
        assertThat(warmUp.done().get(1, java.util.concurrent.TimeUnit.MINUTES)).as("switched off in tests").isZero();
        ReportWarmUp on = new ReportWarmUp(content, writer, true);
        on.onReady();
        assertThat(on.done().get(10, java.util.concurrent.TimeUnit.MINUTES)).as("bytes of the warm-up document")
                .isPositive();
    }

    @Test
    void whitePaperEqualsTheAnalyticsAndIsDeterministic() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        int year = api.today().getYear() - 1;
        String category = spotcheckFixture(year);
        // the spot-check records of that year (what the product chapter's category table must show)
        Map<String, List<String>> records = new HashMap<>();
        jdbc.sql("""
                        SELECT c.name_zh, count(*) AS tested, count(*) FILTER (WHERE s.final_verdict = 'PASS') AS passed
                        FROM spotcheck_sample s JOIN spotcheck_category c ON c.code = s.category_code
                        WHERE s.inspection_type = 'SUPERVISION' AND NOT s.refused AND s.final_verdict IS NOT NULL
                          AND s.sampled_on >= make_date(:y, 1, 1) AND s.sampled_on < make_date(:y + 1, 1, 1)
                        GROUP BY c.name_zh""").param("y", year)
                .query((rs, i) -> records.put(rs.getString(1), List.of(String.valueOf(rs.getInt(2)),
                        String.valueOf(rs.getInt(3)))))
                .list();

        TestApi.Response r = api.post("/api/v1/reports/white-paper/" + year, null, admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        long id = r.json().get("documentId").asLong();
        JsonNode job;
        try {
            job = Await.jobSucceeded(api, r.json().get("jobId").asLong(), admin);
        } finally {
            // the snapshot holds the figures now; other tests see the demo data as it was
            jdbc.sql("DELETE FROM spotcheck_sample WHERE category_code IN (SELECT code FROM spotcheck_category "
                    + "WHERE name_zh = :n)").param("n", category).update();
            jdbc.sql("DELETE FROM spotcheck_category WHERE name_zh = :n").param("n", category).update();
        }
        assertThat(job.get("percent").asInt()).isEqualTo(100);

        JsonNode detail = api.get("/api/v1/reports/documents/" + id, admin).json();
        assertThat(detail.get("document").get("status").asText()).isEqualTo("DRAFT");
        List<String> titles = new ArrayList<>();
        detail.get("chapters").forEach(c -> titles.add(c.get("title").asText()));
        assertThat(titles).hasSize(ContentBuilder.WHITE_PAPER.size());

        byte[] bytes = api.getBytes("/api/v1/reports/documents/" + id + "/docx", admin);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = paragraphs(doc);
            for (String title : titles) {
                assertThat(text).as("chapter " + title).contains(title);
            }
            assertThat(text).doesNotContain("{{");
            assertThat(doc.getCharts()).as("native Word charts").isNotEmpty();

            // the P2 table by area equals the analytics API (this year and the year before)
            XWPFTable p2 = tableAfterCaption(doc, "P2 ");
            List<Unit> places = new ArrayList<>();
            places.add(units.city());
            places.addAll(units.areas().stream().filter(Unit::active).toList());
            StringBuilder ou = new StringBuilder();
            places.forEach(u -> ou.append(ou.isEmpty() ? "" : ";").append(u.code()));
            JsonNode rows = api.get("/api/v1/analytics?dx=P2&pe=" + year + ";" + (year - 1) + "&ou=" + ou, admin)
                    .json().get("items");
            Map<String, BigDecimal> values = new HashMap<>();
            rows.forEach(x -> {
                if (!x.get("value").isNull()) {
                    values.put(x.get("unit").asText() + "|" + x.get("period").asText(), new BigDecimal(x.get("value").asText()));
                }
            });
            assertThat(values).as("analytics has P2 values for " + year).isNotEmpty();
            assertThat(p2.getRows()).hasSize(places.size() + 1);
            for (int i = 0; i < places.size(); i++) {
                Unit u = places.get(i);
                XWPFTableRow row = p2.getRow(i + 1);
                assertThat(row.getCell(0).getText()).isEqualTo(u.nameZh());
                assertSame(row.getCell(1).getText(), values.get(u.code() + "|" + year), u.code() + " " + year);
                assertSame(row.getCell(2).getText(), values.get(u.code() + "|" + (year - 1)), u.code() + " " + (year - 1));
            }

            // the product chapter's spot checks by category equal the spot-check records of that year
            XWPFTable categories = tableAfterCaption(doc, year + "年监督抽查分产品类别合格情况");
            Map<String, List<String>> shown = new HashMap<>();
            for (XWPFTableRow row : categories.getRows().subList(1, categories.getRows().size())) {
                shown.put(row.getCell(0).getText(), row.getTableCells().stream().map(x -> x.getText()).toList());
            }
            assertThat(records).as("spot checks in " + year).containsKey(category);
            records.forEach((name, counts) -> {
                assertThat(shown).as("category " + name).containsKey(name);
                assertThat(shown.get(name).subList(2, 4)).as(name).isEqualTo(counts);
            });
            shown.forEach((name, row) -> {
                if (!row.get(2).equals("0")) {
                    assertThat(records).as("shown category " + name).containsKey(name);
                }
            });
            // the fixture: two of three supervision batches passed (a re-test's verdict counts; the refusal and the
            // routine check do not), none the year before; P2's target beside the rate
            assertThat(shown.get(category)).containsExactly(category, "工业产品", "3", "2", "66.67", "—",
                    shown.get(category).get(6));
            assertThat(shown.get(category).get(6)).startsWith("≥");
            assertThat(paragraphs(doc)).contains(year + "年产品质量主要指标的统计数据");
        }

        // a second generation from the same snapshot is byte-identical
        assertThat(service.renderAgain(id)).isEqualTo(bytes);
        assertThat(service.renderAgain(id)).isEqualTo(bytes);

        // the office edits the closing chapter; the document changes, the snapshot does not
        String snapshot = api.get("/api/v1/reports/documents/" + id + "/snapshot", admin).body();
        TestApi.Response edit = api.put("/api/v1/reports/documents/" + id + "/texts",
                Map.of("texts", Map.of("closing", "一是检测能力仍需加强。\n二是明年将开展质量提升行动。")), admin);
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        byte[] edited = api.getBytes("/api/v1/reports/documents/" + id + "/docx", admin);
        assertThat(edited).isNotEqualTo(bytes);
        assertThat(service.renderAgain(id)).isEqualTo(edited);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(edited))) {
            assertThat(paragraphs(doc)).contains("二是明年将开展质量提升行动。");
        }
        assertThat(api.get("/api/v1/reports/documents/" + id + "/snapshot", admin).body()).isEqualTo(snapshot);
        assertThat(api.put("/api/v1/reports/documents/" + id + "/texts", Map.of("texts", Map.of("nonsense", "x")), admin).body())
                .contains("texts.nonsense");

        // a draft is not public
        assertThat(publicGet("/api/v1/public/reports/" + id + "/docx").statusCode()).isEqualTo(404);
        // a district officer may read, not publish
        String tongcheng = api.token("tongcheng");
        assertThat(api.get("/api/v1/reports", tongcheng).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/reports/documents/" + id + "/publish", null, tongcheng).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/reports/white-paper/" + year, null, tongcheng).status()).isEqualTo(403);

        // publish: frozen and public
        TestApi.Response pub = api.post("/api/v1/reports/documents/" + id + "/publish", null, admin);
        assertThat(pub.status()).as(pub.toString()).isEqualTo(200);
        assertThat(api.put("/api/v1/reports/documents/" + id + "/texts", Map.of("texts", Map.of("closing", "改")), admin).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/reports/documents/" + id + "/publish", null, admin).status()).isEqualTo(409);
        assertThatThrownBy(() -> jdbc.sql("UPDATE report_document SET texts = '{}' WHERE id = :id").param("id", id).update())
                .hasMessageContaining("frozen");
        HttpResponse<String> list = publicGet("/api/v1/public/reports");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":" + id);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.base() + "/api/v1/public/reports/" + id + "/docx")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(edited);
    }

    /**
     * Redocly's no-ambiguous-paths (scripts/lint-openapi.sh): no two report paths of the API document could match the
     * same URL (as /reports/white-paper/{year} and /reports/{id}/docx did), the prescribed POST path kept.
     */
    @Test
    void theReportPathsAreNotAmbiguous() {
        TestApi api = new TestApi(port);
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : api.get("/v3/api-docs", null).json().get("paths").properties()) {
            if (e.getKey().startsWith("/api/v1/report") || e.getKey().startsWith("/api/v1/public/report")) {
                paths.add(e.getKey());
            }
        }
        assertThat(paths).contains("/api/v1/reports/white-paper/{year}", "/api/v1/reports/documents/{id}/docx");
        for (String a : paths) {
            for (String b : paths) {
                assertThat(!a.equals(b) && ambiguous(a, b)).as(a + " and " + b).isFalse();
            }
        }
    }

    /** Redocly's rule: the same number of segments, every literal segment equal where both are literal, as many variables. */
    static boolean ambiguous(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        if (x.length != y.length) {
            return false;
        }
        int xv = 0;
        int yv = 0;
        for (int i = 0; i < x.length; i++) {
            boolean xVar = x[i].matches("\\{.+}");
            boolean yVar = y[i].matches("\\{.+}");
            xv += xVar ? 1 : 0;
            yv += yVar ? 1 : 0;
            if (!xVar && !yVar && !x[i].equals(y[i])) {
                return false;
            }
        }
        return xv == yv;
    }

    @Test
    void badRequestsNameTheirField() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        assertThat(api.post("/api/v1/reports/white-paper/1990", null, admin).body()).contains("\"year\"");
        assertThat(api.post("/api/v1/reports/analyses", Map.of("period", "2025", "sector", "FOOD"), admin).body())
                .contains("\"sector\"");
        assertThat(api.post("/api/v1/reports/analyses", Map.of("period", "202505", "sector", "PRODUCT"), admin).body())
                .contains("\"period\"");
    }

    @Test
    void quarterlyAnalysisOfASector() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        int year = api.today().getYear() - 1;
        TestApi.Response r = api.post("/api/v1/reports/analyses", Map.of("period", year + "Q2", "sector", "PRODUCT"), admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        long id = r.json().get("documentId").asLong();
        Await.jobSucceeded(api, r.json().get("jobId").asLong(), admin);
        byte[] bytes = api.getBytes("/api/v1/reports/documents/" + id + "/docx", admin);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = paragraphs(doc);
            assertThat(text).contains("变化趋势", "变化最大的地区与指标", "有风险的指标", year + "年第2季度");
            assertThat(tableAfterCaption(doc, year + "年第2季度变化最大的指标").getRows().size()).isGreaterThan(1);
        }
        assertThat(service.renderAgain(id)).isEqualTo(bytes);
    }

    /**
     * The office edits the template in Word and uploads it as a new version: later documents use it (and keep its
     * version, so they render the same again); a file that is not a Word document is a 400 naming the file.
     */
    @Test
    void anUploadedTemplateVersionShapesTheNextDocument() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        byte[] template;
        try (XWPFDocument doc = new XWPFDocument(); var out = new java.io.ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("{{title}}");
            doc.createParagraph().createRun().setText("模板第二版：{{city}}质量强市工作领导小组办公室");
            doc.createParagraph().createRun().setText("{{chapters}}");
            doc.write(out);
            template = out.toByteArray();
        }
        var multipart = org.qualitycity.support.Multipart.api(api);
        TestApi.Response bad = multipart.post("/api/v1/report-templates", Map.of("file",
                new org.qualitycity.support.Multipart.Part("x.docx", new byte[]{1, 2, 3}, "application/octet-stream")), admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"file\"");
        TestApi.Response up = multipart.post("/api/v1/report-templates", Map.of("file",
                new org.qualitycity.support.Multipart.Part("v2.docx", template,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "note", "第二版"), admin);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        int version = up.json().get("version").asInt();
        assertThat(version).isPositive();
        assertThat(api.get("/api/v1/report-templates", admin).json().get(0).get("version").asInt()).isEqualTo(version);
        assertThat(api.getBytes("/api/v1/report-templates/" + version + "/docx", admin)).isEqualTo(template);

        int year = api.today().getYear() - 2;
        TestApi.Response r = api.post("/api/v1/reports/white-paper/" + year, null, admin);
        long id = r.json().get("documentId").asLong();
        Await.jobSucceeded(api, r.json().get("jobId").asLong(), admin);
        assertThat(api.get("/api/v1/reports/documents/" + id, admin).json().get("document").get("templateVersion").asInt())
                .isGreaterThanOrEqualTo(version);
        byte[] bytes = api.getBytes("/api/v1/reports/documents/" + id + "/docx", admin);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = paragraphs(doc);
            assertThat(text).contains("模板第二版：" + units.city().nameZh() + "质量强市工作领导小组办公室")
                    .contains(year + "年质量白皮书");
        }
        assertThat(service.renderAgain(id)).isEqualTo(bytes);
    }

    /**
     * A product category of its own with five samples of the year: supervision PASS, supervision FAIL re-tested PASS,
     * supervision FAIL, a refusal, a routine check PASS. Returns the category's name.
     */
    private String spotcheckFixture(int year) {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String code = "TST-" + tag;
        String name = "白皮书测试类别" + tag;
        jdbc.sql("INSERT INTO spotcheck_category (code, name_zh, name_en, kind) VALUES (:c, :n, :e, 'INDUSTRIAL')")
                .param("c", code).param("n", name).param("e", "White paper test " + tag).update();
        Map<String, Object> e = jdbc.sql("SELECT id, unit_id FROM enterprise ORDER BY id LIMIT 1").query().singleRow();
        String[][] samples = {{"SUPERVISION", "PASS", null, "false"}, {"SUPERVISION", "FAIL", "PASS", "false"},
                {"SUPERVISION", "FAIL", null, "false"}, {"SUPERVISION", null, null, "true"}, {"ROUTINE", "PASS", null, "false"}};
        int n = 0;
        for (String[] x : samples) {
            jdbc.sql("""
                            INSERT INTO spotcheck_sample (sample_no, enterprise_id, unit_id, inspection_type, category_code,
                                product, batch_no, samplers, sampled_on, refused, refusal_reason, first_verdict, retest_verdict)
                            VALUES (:no, :e, :u, :type, :c, :product, :batch, ARRAY['甲', '乙'], :on, :refused, :reason,
                                :first, :retest)""")
                    .param("no", "WP" + tag + "-" + n).param("e", e.get("id")).param("u", e.get("unit_id"))
                    .param("type", x[0]).param("c", code).param("product", "测试产品").param("batch", "B" + n)
                    .param("on", java.time.LocalDate.of(year, 3, 1 + n)).param("refused", Boolean.parseBoolean(x[3]))
                    .param("reason", Boolean.parseBoolean(x[3]) ? "拒检" : null).param("first", x[1])
                    .param("retest", x[2]).update();
            n++;
        }
        return name;
    }

    private static void assertSame(String cell, BigDecimal api, String what) {
        if (api == null) {
            assertThat(cell).as(what).isEqualTo("—");
            return;
        }
        BigDecimal shown = new BigDecimal(cell);
        assertThat(shown).as(what).isEqualByComparingTo(api.setScale(shown.scale(), RoundingMode.HALF_UP));
    }

    static String paragraphs(XWPFDocument doc) {
        return String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
    }

    static XWPFTable tableAfterCaption(XWPFDocument doc, String captionStart) {
        List<IBodyElement> body = doc.getBodyElements();
        for (int i = 0; i < body.size() - 1; i++) {
            if (body.get(i) instanceof XWPFParagraph p && p.getText().startsWith(captionStart)
                    && body.get(i + 1) instanceof XWPFTable t) {
                return t;
            }
        }
        throw new AssertionError("no table after a caption starting with " + captionStart);
    }

    private HttpResponse<String> publicGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
