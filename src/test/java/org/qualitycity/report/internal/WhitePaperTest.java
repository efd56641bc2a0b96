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

    @Test
    void whitePaperEqualsTheAnalyticsAndIsDeterministic() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        int year = api.today().getYear() - 1;

        TestApi.Response r = api.post("/api/v1/reports/white-paper/" + year, null, admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        long id = r.json().get("documentId").asLong();
        JsonNode job = Await.jobSucceeded(api, r.json().get("jobId").asLong(), admin);
        assertThat(job.get("percent").asInt()).isEqualTo(100);

        JsonNode detail = api.get("/api/v1/reports/" + id, admin).json();
        assertThat(detail.get("document").get("status").asText()).isEqualTo("DRAFT");
        List<String> titles = new ArrayList<>();
        detail.get("chapters").forEach(c -> titles.add(c.get("title").asText()));
        assertThat(titles).hasSize(ContentBuilder.WHITE_PAPER.size());

        byte[] bytes = api.getBytes("/api/v1/reports/" + id + "/docx", admin);
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
        }

        // a second generation from the same snapshot is byte-identical
        assertThat(service.renderAgain(id)).isEqualTo(bytes);
        assertThat(service.renderAgain(id)).isEqualTo(bytes);

        // the office edits the closing chapter; the document changes, the snapshot does not
        String snapshot = api.get("/api/v1/reports/" + id + "/snapshot", admin).body();
        TestApi.Response edit = api.put("/api/v1/reports/" + id + "/texts",
                Map.of("texts", Map.of("closing", "一是检测能力仍需加强。\n二是明年将开展质量提升行动。")), admin);
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        byte[] edited = api.getBytes("/api/v1/reports/" + id + "/docx", admin);
        assertThat(edited).isNotEqualTo(bytes);
        assertThat(service.renderAgain(id)).isEqualTo(edited);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(edited))) {
            assertThat(paragraphs(doc)).contains("二是明年将开展质量提升行动。");
        }
        assertThat(api.get("/api/v1/reports/" + id + "/snapshot", admin).body()).isEqualTo(snapshot);
        assertThat(api.put("/api/v1/reports/" + id + "/texts", Map.of("texts", Map.of("nonsense", "x")), admin).body())
                .contains("texts.nonsense");

        // a draft is not public
        assertThat(publicGet("/api/v1/public/reports/" + id + "/docx").statusCode()).isEqualTo(404);
        // a district officer may read, not publish
        String tongcheng = api.token("tongcheng");
        assertThat(api.get("/api/v1/reports", tongcheng).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/reports/" + id + "/publish", null, tongcheng).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/reports/white-paper/" + year, null, tongcheng).status()).isEqualTo(403);

        // publish: frozen and public
        TestApi.Response pub = api.post("/api/v1/reports/" + id + "/publish", null, admin);
        assertThat(pub.status()).as(pub.toString()).isEqualTo(200);
        assertThat(api.put("/api/v1/reports/" + id + "/texts", Map.of("texts", Map.of("closing", "改")), admin).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/reports/" + id + "/publish", null, admin).status()).isEqualTo(409);
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
        byte[] bytes = api.getBytes("/api/v1/reports/" + id + "/docx", admin);
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
        assertThat(api.get("/api/v1/reports/" + id, admin).json().get("document").get("templateVersion").asInt())
                .isGreaterThanOrEqualTo(version);
        byte[] bytes = api.getBytes("/api/v1/reports/" + id + "/docx", admin);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = paragraphs(doc);
            assertThat(text).contains("模板第二版：" + units.city().nameZh() + "质量强市工作领导小组办公室")
                    .contains(year + "年质量白皮书");
        }
        assertThat(service.renderAgain(id)).isEqualTo(bytes);
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
