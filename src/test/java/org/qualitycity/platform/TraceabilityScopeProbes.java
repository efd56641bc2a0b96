package org.qualitycity.platform;

import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.qualitycity.traceability.TraceabilityFixtures;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17: a batch of a 赤壁市 enterprise with a certificate is invisible and untouchable to 通城县's officer. */
final class TraceabilityScopeProbes {

    private TraceabilityScopeProbes() {
    }

    private static void notFound(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
    }

    static void register(DataScopeTest t) {
        TestApi api = t.api();
        String tc = t.tongchengToken();
        String admin = api.token("admin");
        WebSession page = t.tongchengPage();
        String code = EnterpriseFixtures.create(api, "421281", "赤壁追溯探针农场");
        JsonNode batch = TraceabilityFixtures.created(api, admin, code, "赤壁探针青砖茶", "PROBE1", "ORIGIN", List.of());
        long id = batch.get("id").asLong();
        String batchCode = batch.get("code").asText();
        String cls = URLEncoder.encode(batch.get("epcClass").asText(), StandardCharsets.UTF_8);
        String cert = TraceabilityFixtures.certificate(api, admin, batchCode);
        long certId = api.get("/api/v1/certificates?batch=" + batchCode, admin).json().get(0).get("id").asLong();
        assertThat(api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(TraceabilityFixtures.document(
                TraceabilityFixtures.receiving(batch.get("epcClass").asText(), "urn:qualitycity:loc:" + code,
                        "2026-01-04T15:00:00+08:00"))), admin).status()).isEqualTo(202);

        t.probe("GET /api/v1/batches", e -> assertThat(api.get("/api/v1/batches", tc).body()).doesNotContain(batchCode)
                .doesNotContain("赤壁探针青砖茶"));
        t.probe("POST /api/v1/batches", e -> {
            var r = TraceabilityFixtures.batch(api, tc, code, "越权产品", "X1", "ORIGIN", List.of());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("creditCode");
        });
        t.probe("GET /api/v1/batches/{id}", e -> notFound(api.get("/api/v1/batches/" + id, tc)));
        t.probe("GET /api/v1/batches/{id}/trace", e -> notFound(api.get("/api/v1/batches/" + id + "/trace", tc)));
        t.probe("POST /api/v1/batches/{id}/recall", e -> {
            notFound(api.post("/api/v1/batches/" + id + "/recall", Map.of("reason", "越权召回"), tc));
            assertThat(api.get("/api/v1/batches/" + id, admin).json().get("status").asText()).isEqualTo("ACTIVE");
        });
        t.probe("GET /api/v1/certificates", e -> {
            assertThat(api.get("/api/v1/certificates?batch=" + batchCode, tc).json()).isEmpty();
            assertThat(api.get("/api/v1/certificates", tc).body()).doesNotContain(cert);
        });
        t.probe("POST /api/v1/certificates", e -> {
            var r = api.post("/api/v1/certificates", Map.of("batch", batchCode, "contact", "1"), tc);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("batch");
        });
        t.probe("GET /api/v1/epcis/events", e -> assertThat(api.get("/api/v1/epcis/events?MATCH_epcClass=" + cls, tc)
                .body()).doesNotContain("receiving"));
        for (String capture : List.of("POST /api/v1/epcis/capture", "POST /api/v1/epcis/events")) {
            t.probe(capture, e -> {
                String event = TraceabilityFixtures.shipping(batch.get("epcClass").asText(), "urn:qualitycity:loc:x",
                        "urn:qualitycity:loc:y", capture.endsWith("capture") ? "2026-01-05T08:00:00+08:00"
                                : "2026-01-05T09:00:00+08:00");
                String body = capture.endsWith("capture") ? TraceabilityFixtures.document(event) : event;
                var r = api.post(capture.substring(5), TestApi.JSON.readTree(body), tc);
                assertThat(r.status()).as(r.body()).isIn(201, 202);
                // filed under 通城县: 赤壁市's officer does not see it, nor does it change 赤壁市's batch
                assertThat(api.get("/api/v1/epcis/events?EQ_bizStep=shipping&MATCH_epcClass=" + cls, api.token("chibi"))
                        .body()).doesNotContain("shipping");
            });
        }
        t.probe("GET /traceability/batches", e -> assertThat(page.get("/traceability/batches").body())
                .doesNotContain(batchCode).doesNotContain("赤壁探针青砖茶"));
        t.probe("GET /traceability/batches/{id:\\d+}", e -> assertThat(page.get("/traceability/batches/" + id).status())
                .isEqualTo(404));
        t.probe("GET /traceability/batches/{id:\\d+}/qr.png", e -> assertThat(page.get("/traceability/batches/" + id
                + "/qr.png").status()).isEqualTo(404));
        t.probe("GET /traceability/batches/{id:\\d+}/qr.svg", e -> assertThat(page.get("/traceability/batches/" + id
                + "/qr.svg").status()).isEqualTo(404));
        t.probe("GET /traceability/labels", e -> {
            assertThat(page.get("/traceability/labels?id=" + id).status()).isEqualTo(404);
            assertThat(page.get("/traceability/labels").body()).doesNotContain(batchCode);
        });
        t.probe("GET /traceability/certificates/{id:\\d+}", e -> assertThat(page.get("/traceability/certificates/"
                + certId).status()).isEqualTo(404));
        t.probe("POST /traceability/batches/{id:\\d+}/recall", e -> {
            page.get("/traceability/batches");
            assertThat(page.postForm("/traceability/batches/" + id + "/recall", Map.of("reason", "越权")).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/batches/" + id, admin).json().get("status").asText()).isEqualTo("ACTIVE");
        });
        t.notScoped("GET /01/{gtin}/10/{lot}", "public scan page (GS1 Digital Link), no login, nothing private");
        t.notScoped("GET /t/{code}", "public scan page, no login, nothing private");
        t.notScoped("GET /t/{code}/qr.svg", "public QR code of the public scan page's URI");
    }
}
