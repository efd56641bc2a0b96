package org.qualitycity.files;

import org.qualitycity.support.Multipart;
import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** (In the files test package for its multipart helpers.) Evidence attached to a case follows the case's scope: the handling unit reads it, another district gets 404. */
@QcIntegrationTest
class ComplaintAttachmentTest {

    @LocalServerPort
    int port;

    @Test
    void evidenceOnACaseIsVisibleToItsHandlersOnly() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String code = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "通城县附件测试店",
                ComplaintFixtures.freshPhone())).json().get("trackingCode").asText();
        long id = ComplaintFixtures.idOf(api, code);
        api.post("/api/v1/complaints/" + id + "/actions", Map.of("action", "DISPATCH"), admin);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", "complaint");
        fields.put("ownerId", String.valueOf(id));
        fields.put("file", new Multipart.Part("receipt.pdf", TestFiles.pdf(), "application/pdf"));
        var up = Multipart.api(api).post("/api/v1/files", fields, api.token("tongcheng"));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        long file = up.json().get("id").asLong();
        assertThat(api.get("/api/v1/files/" + file, api.token("tongcheng")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/files/" + file, api.token("chibi")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/files?ownerType=complaint&ownerId=" + id, api.token("chibi")).status()).isEqualTo(404);
    }
}
