package org.qualitycity.files;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Units;
import org.qualitycity.support.Multipart;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, findings 2 (an enterprise account is not a member of its district: no unit files) and 13
 * (file names lose bidi overrides; an overlong name is a 400 about the name).
 */
@QcIntegrationTest
class FileNamesAndSelfScopeTest {

    @LocalServerPort
    int port;
    @Autowired
    Units units;

    private TestApi.Response upload(TestApi api, String user, long unitId, String filename, byte[] bytes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", "unit");
        fields.put("ownerId", String.valueOf(unitId));
        fields.put("file", new Multipart.Part(filename, bytes, "application/octet-stream"));
        return Multipart.api(api).post("/api/v1/files", fields, api.token(user));
    }

    @Test
    void anEnterpriseAccountNeitherListsNorDownloadsItsDistrictsUnitFiles() {
        TestApi api = new TestApi(port);
        long tongcheng = units.byCode("421222").orElseThrow().id();
        var up = upload(api, "tongcheng", tongcheng, "通城县内部文件.png", TestFiles.png(0x2222));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long id = up.json().get("id").asLong();

        String qiye = api.token("qiye");
        assertThat(api.get("/api/v1/files?ownerType=unit&ownerId=" + tongcheng, qiye).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files/" + id, qiye).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files/" + id + "/content", qiye).status()).isEqualTo(404);
        var page = WebSession.loggedIn(port, "qiye").get("/files");
        assertThat(page.body()).doesNotContain("通城县内部文件.png");
        // the district's own officer still sees it
        assertThat(api.get("/api/v1/files?ownerType=unit&ownerId=" + tongcheng, api.token("tongcheng")).body())
                .contains("通城县内部文件.png");
    }

    @Test
    void bidiOverridesAndControlsAreStrippedAndAnOverlongNameIsRefusedByName() {
        TestApi api = new TestApi(port);
        long chibi = units.byCode("421281").orElseThrow().id();
        var r = upload(api, "chibi", chibi, "invoice\u202Egnp\u2066\u200F.png", TestFiles.png(0x3333));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String name = r.json().get("filename").asText();
        assertThat(name).isEqualTo("invoicegnp.png");

        var tooLong = upload(api, "chibi", chibi, "报".repeat(1000) + ".png", TestFiles.png(0x4444));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("file");
        assertThat(tooLong.json().get("errors").get(0).get("message").asText()).contains("文件名").doesNotContain("MB");
    }
}
