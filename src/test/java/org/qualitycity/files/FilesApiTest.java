package org.qualitycity.files;

import org.qualitycity.support.Multipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Units;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QcIntegrationTest
class FilesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;

    TestApi api;
    Multipart multipart;
    long chibi;
    long tongcheng;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        multipart = Multipart.api(api);
        chibi = units.byCode("421281").orElseThrow().id();
        tongcheng = units.byCode("421222").orElseThrow().id();
    }

    private TestApi.Response upload(String user, String ownerType, long ownerId, String filename, byte[] bytes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", ownerType);
        fields.put("ownerId", String.valueOf(ownerId));
        fields.put("file", new Multipart.Part(filename, bytes, "application/octet-stream"));
        return multipart.post("/api/v1/files", fields, api.token(user));
    }

    private static void assertRefused(TestApi.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).as(r.body()).isEqualTo(field);
    }

    private List<String> auditActions(long id) {
        return jdbc.sql("SELECT action FROM platform_audit WHERE module = 'files' AND entity_type = 'attachment' "
                        + "AND entity_id = :id ORDER BY id")
                .param("id", String.valueOf(id)).query(String.class).list();
    }

    @Test
    void uploadAndDownloadRoundTripKeepsTheBytesAndIsAudited() {
        byte[] png = TestFiles.png(0x123456);
        TestApi.Response r = upload("chibi", "unit", chibi, "检查报告 2026.png", png);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.header("Location")).isEqualTo("/api/v1/files/" + id);
        assertThat(r.json().get("filename").asText()).isEqualTo("检查报告 2026.png");
        assertThat(r.json().get("contentType").asText()).isEqualTo("image/png");
        assertThat(r.json().get("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(r.json().get("sha256").asText()).isEqualTo(TestFiles.sha256(png));
        assertThat(r.json().get("unitId").asLong()).isEqualTo(chibi);

        assertThat(api.getBytes("/api/v1/files/" + id + "/content", api.token("chibi"))).isEqualTo(png);
        TestApi.Response download = api.get("/api/v1/files/" + id + "/content", api.token("admin"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment")
                .contains("filename*=UTF-8''%E6%A3%80%E6%9F%A5%E6%8A%A5%E5%91%8A%202026.png");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Type")).isEqualTo("image/png");

        JsonNode list = api.get("/api/v1/files?ownerType=unit&ownerId=" + chibi, api.token("chibi")).json();
        assertThat(list.findValuesAsString("id")).isNotNull();
        assertThat(idsOf(list)).contains(id);
        assertThat(api.get("/api/v1/files/" + id, api.token("auditor")).status()).isEqualTo(200);

        assertThat(auditActions(id)).containsExactly("CREATE");
        String after = jdbc.sql("SELECT after_data->>'sha256' FROM platform_audit WHERE module = 'files' "
                + "AND entity_id = :id AND action = 'CREATE'").param("id", String.valueOf(id)).query(String.class).single();
        assertThat(after).isEqualTo(TestFiles.sha256(png));
    }

    private static List<Long> idsOf(JsonNode list) {
        List<Long> ids = new java.util.ArrayList<>();
        list.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    @Test
    void aFileOfChibiIsInvisibleToTongcheng() {
        TestApi.Response r = upload("admin", "unit", chibi, "chibi-only.pdf", TestFiles.pdf());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        String tc = api.token("tongcheng");

        assertThat(api.get("/api/v1/files/" + id, tc).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files/" + id + "/content", tc).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/files/" + id, tc).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files?ownerType=unit&ownerId=" + chibi, tc).status()).isEqualTo(404);
        assertThat(upload("tongcheng", "unit", chibi, "intrude.pdf", TestFiles.pdf()).status()).isEqualTo(404);
        // an id that does not exist answers the same
        assertThat(api.get("/api/v1/files/" + (id + 100000), tc).status()).isEqualTo(404);

        // still there for those who may see it
        assertThat(api.get("/api/v1/files/" + id, api.token("chibi")).status()).isEqualTo(200);
        assertThat(auditActions(id)).containsExactly("CREATE");
    }

    @Test
    void deleteIsSoftAndAudited() {
        long id = upload("chibi", "unit", chibi, "old.csv", TestFiles.gbkCsv()).json().get("id").asLong();
        assertThat(api.delete("/api/v1/files/" + id, api.token("chibi")).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/files/" + id, api.token("chibi")).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/files/" + id, api.token("chibi")).status()).isEqualTo(404);
        assertThat(idsOf(api.get("/api/v1/files?ownerType=unit&ownerId=" + chibi, api.token("chibi")).json()))
                .doesNotContain(id);
        assertThat(auditActions(id)).containsExactly("CREATE", "DELETE");
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM files_attachment WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void readersWithoutWriteAccessAreRefused() {
        long scjgUnit = units.byCode("421200-SCJG").orElseThrow().id();
        // scjg sees its own unit but may not manage it
        assertThat(api.get("/api/v1/files?ownerType=unit&ownerId=" + scjgUnit, api.token("scjg")).status()).isEqualTo(200);
        assertThat(upload("scjg", "unit", scjgUnit, "a.pdf", TestFiles.pdf()).status()).isEqualTo(403);
        // the auditor reads everything and uploads nothing
        assertThat(upload("auditor", "unit", chibi, "a.pdf", TestFiles.pdf()).status()).isEqualTo(403);
        long id = upload("chibi", "unit", chibi, "keep.pdf", TestFiles.pdf()).json().get("id").asLong();
        assertThat(api.delete("/api/v1/files/" + id, api.token("auditor")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/files/" + id, api.token("chibi")).status()).isEqualTo(200);
    }

    @Test
    void executablesScriptsAndMarkupAreRefusedNamingTheField() {
        assertRefused(upload("chibi", "unit", chibi, "setup.exe", TestFiles.exe()), "file");
        assertRefused(upload("chibi", "unit", chibi, "photo.png", TestFiles.exe()), "file");
        assertRefused(upload("chibi", "unit", chibi, "report.pdf", TestFiles.elf()), "file");
        assertRefused(upload("chibi", "unit", chibi, "notes.txt", TestFiles.elf()), "file");
        assertRefused(upload("chibi", "unit", chibi, "run.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "run.txt", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "x.bat", "@echo off\r\n".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "app.js", "alert(1)".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "lib.dll", TestFiles.exe()), "file");
        assertRefused(upload("chibi", "unit", chibi, "app.jar", TestFiles.zip(Map.of("META-INF/MANIFEST.MF", "x"))), "file");
        assertRefused(upload("chibi", "unit", chibi, "page.html", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "page.txt", "  <!DOCTYPE html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "logo.svg", "<svg onload=alert(1)/>".getBytes(StandardCharsets.UTF_8)), "file");
        assertRefused(upload("chibi", "unit", chibi, "noext", TestFiles.pdf()), "file");
        // a generic ZIP, and an Office file with macros
        assertRefused(upload("chibi", "unit", chibi, "bundle.docx", TestFiles.zip(Map.of("a.txt", "x"))), "file");
        assertRefused(upload("chibi", "unit", chibi, "macro.docx", TestFiles.zip(Map.of("[Content_Types].xml", "<x/>",
                "word/document.xml", "<x/>", "word/vbaProject.bin", "x"))), "file");
        // content that does not match the name
        assertRefused(upload("chibi", "unit", chibi, "image.png", TestFiles.pdf()), "file");
        assertRefused(upload("chibi", "unit", chibi, "empty.txt", new byte[0]), "file");
        assertThat(jdbc.sql("SELECT count(*) FROM files_attachment WHERE filename IN ('setup.exe', 'photo.png', 'run.sh', "
                + "'page.html', 'macro.docx', 'image.png')").query(Long.class).single()).isZero();
    }

    @Test
    void officeDocumentsPdfImagesAndTextAreAcceptedWithTheDetectedType() {
        record Case(String name, byte[] bytes, String type) {
        }
        for (Case c : List.of(
                new Case("方案.docx", TestFiles.docx("质量强市"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                new Case("数据.xlsx", TestFiles.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                new Case("通知.pdf", TestFiles.pdf(), "application/pdf"),
                new Case("photo.JPG", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, "image/jpeg"),
                new Case("名单.csv", TestFiles.gbkCsv(), "text/csv; charset=GB18030"),
                new Case("说明.txt", "第一行\n第二行\n".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8"))) {
            TestApi.Response r = upload("chibi", "unit", chibi, c.name(), c.bytes());
            assertThat(r.status()).as(c.name() + ": " + r.body()).isEqualTo(201);
            assertThat(r.json().get("contentType").asText()).as(c.name()).isEqualTo(c.type());
            assertThat(api.getBytes("/api/v1/files/" + r.json().get("id").asLong() + "/content", api.token("chibi")))
                    .isEqualTo(c.bytes());
        }
    }

    @Test
    void anOversizedUploadIsRefusedNamingTheField() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        byte[] png = TestFiles.png(1);
        System.arraycopy(png, 0, big, 0, png.length);
        TestApi.Response r = upload("chibi", "unit", chibi, "huge.png", big);
        assertRefused(r, "file");
        assertThat(jdbc.sql("SELECT count(*) FROM files_attachment WHERE filename = 'huge.png'").query(Long.class).single())
                .isZero();
    }

    @Test
    void anOversizedUploadFromAPageIsNotAServerError() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        Multipart browser = Multipart.browser(api, "chibi");
        browser.page("/files?unit=421281");
        HttpResponse<String> r = browser.postForm("/files", Map.of("ownerType", "unit", "ownerId", String.valueOf(chibi),
                "returnTo", "/files?unit=421281", "file", new Multipart.Part("huge.png", big, "image/png")));
        // the container refuses the body while Spring Security reads the form's CSRF field (the page's
        // script stops such files before sending them); what matters here: no server error, nothing stored
        assertThat(r.statusCode()).isIn(400, 403, 413);
        assertThat(jdbc.sql("SELECT count(*) FROM files_attachment WHERE filename = 'huge.png'").query(Long.class).single())
                .isZero();
    }

    @Test
    void badRequestsAnswer400NamingTheField() {
        assertRefused(upload("chibi", "nosuchtype", chibi, "a.pdf", TestFiles.pdf()), "ownerType");
        Map<String, Object> noFile = Map.of("ownerType", "unit", "ownerId", String.valueOf(chibi));
        assertRefused(multipart.post("/api/v1/files", noFile, api.token("chibi")), "file");
        Map<String, Object> badId = Map.of("ownerType", "unit", "ownerId", "abc",
                "file", new Multipart.Part("a.pdf", TestFiles.pdf(), "application/pdf"));
        assertRefused(multipart.post("/api/v1/files", badId, api.token("chibi")), "ownerId");
        // not a multipart request at all
        assertRefused(api.post("/api/v1/files?ownerType=unit&ownerId=" + chibi, Map.of("file", "x"), api.token("chibi")),
                "file");
        assertThat(api.get("/api/v1/files?ownerType=unit&ownerId=x", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/files/abc", api.token("chibi")).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/files/1", null).status()).isEqualTo(401);
    }

    @Test
    void downloadsAndUploadsWorkWithTheBrowserSession() {
        Multipart browser = Multipart.browser(api, "chibi");
        assertThat(browser.page("/files?unit=421281").statusCode()).isEqualTo(200);
        byte[] docx = TestFiles.docx("会议纪要");
        HttpResponse<String> posted = browser.postForm("/files", Map.of("ownerType", "unit",
                "ownerId", String.valueOf(chibi), "returnTo", "/files?unit=421281",
                "file", new Multipart.Part("会议纪要.docx", docx, "application/octet-stream")));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/files?unit=421281");
        long id = jdbc.sql("SELECT max(id) FROM files_attachment WHERE filename = '会议纪要.docx' AND unit_id = :u")
                .param("u", chibi).query(Long.class).single();

        HttpResponse<String> list = browser.page("/files?unit=421281");
        assertThat(list.body()).contains("会议纪要.docx").contains("/files/" + id);
        HttpResponse<byte[]> download = browser.bytes("/files/" + id);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(docx);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

        Multipart other = Multipart.browser(api, "tongcheng");
        assertThat(other.bytes("/files/" + id).statusCode()).isEqualTo(404);
        assertThat(other.page("/files?unit=421281").statusCode()).isEqualTo(404);

        // a return address outside the application is not followed
        HttpResponse<String> evil = browser.postForm("/files", Map.of("ownerType", "unit",
                "ownerId", String.valueOf(chibi), "returnTo", "//evil.example/x",
                "file", new Multipart.Part("x.txt", "ok".getBytes(StandardCharsets.UTF_8), "text/plain")));
        assertThat(evil.headers().firstValue("Location").orElse("")).endsWith("/files");
    }
}
