package org.qualitycity.traceability;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.traceability.TraceabilityFixtures.location;

/** Issue 17, acceptance 2–4 and the public scan's JSON: EPCIS capture and query, trace and recall, certificates. */
@QcIntegrationTest
class TraceabilityApiTest {

    @LocalServerPort
    int port;

    private static String resource(String name) {
        try (InputStream in = TraceabilityApiTest.class.getResourceAsStream("/epcis/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> events(TestApi api, String token, String query) {
        TestApi.Response r = api.get("/api/v1/epcis/events?" + query, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("type").asText()).isEqualTo("EPCISQueryDocument");
        List<JsonNode> out = new ArrayList<>();
        r.json().get("epcisBody").get("queryResults").get("resultsBody").get("eventList").forEach(out::add);
        return out;
    }

    private static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /**
     * Acceptance 2. The standard's example 9.6.1 (copied from /work/shared/data/epcis, from gs1/EPCIS) and a document
     * written by GS1 France's epcis2.js 2.7.3 (tools/epcis-fixture/generate.js, run with node 20, output committed as
     * src/test/resources/epcis/epcis2js-document.jsonld) are captured and found again by MATCH_anyEPC; re-sending
     * skips every event; a broken document is refused whole with every error listed.
     */
    @Test
    void standardAndIndependentDocumentsAreCapturedAndQueriedAndABrokenOneIsRefusedWhole() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        TestApi.Response example = api.send("POST", "/api/v1/epcis/capture", resource("Example_9.6.1-ObjectEvent.jsonld"),
                admin, "application/ld+json");
        assertThat(example.status()).as(example.body()).isEqualTo(202);
        assertThat(example.json().get("captured").asInt()).isEqualTo(2);
        assertThat(example.json().get("captureId").asText()).isNotBlank();
        assertThat(example.header("Location")).contains(example.json().get("captureId").asText());
        List<JsonNode> found = events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.107346.2018"));
        assertThat(found).hasSize(2);
        assertThat(found.get(0).get("bizStep").asText()).isEqualTo("shipping");
        assertThat(found.get(1).get("bizStep").asText()).isEqualTo("receiving");
        assertThat(found.get(0).get("eventID").asText())
                .isEqualTo("ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0");
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.107346.2017"))).hasSize(1);
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.107346.2018")
                + "&EQ_bizStep=receiving&EQ_bizLocation=" + q("urn:epc:id:sgln:0012345.11111.0"))).hasSize(1);
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.107346.2018")
                + "&GE_eventTime=" + q("2005-04-04T12:00:00Z") + "&LT_eventTime=" + q("2005-04-06T00:00:00Z"))).hasSize(1);
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.107346.2018")
                + "&EQ_disposition=in_transit")).hasSize(1);

        TestApi.Response again = api.send("POST", "/api/v1/epcis/capture", resource("Example_9.6.1-ObjectEvent.jsonld"),
                admin, "application/ld+json");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("captured").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.107346.2018"))).hasSize(2);
        // the event hash is stored as its 32 bytes (the unique index that deduplicates: 48 instead of 80 bytes an entry);
        // the example's own eventID is illustrative, the hash is the computed CBV 2.0 one (EventHashTest)
        assertThat(jdbc.sql("SELECT encode(hash, 'hex') FROM traceability_event WHERE event_id = :id")
                .param("id", found.get(0).get("eventID").asText()).query(String.class).single())
                .isEqualTo("df6523665bc5e5803d6c7b84f5a04e103694d8220f2abc4f2c74310e89f31bc6");

        TestApi.Response lib = api.send("POST", "/api/v1/epcis/capture", resource("epcis2js-document.jsonld"), admin,
                "application/json");
        assertThat(lib.status()).as(lib.body()).isEqualTo(202);
        assertThat(lib.json().get("captured").asInt()).isEqualTo(5);
        List<JsonNode> sold = events(api, admin, "MATCH_anyEPC=" + q("https://id.gs1.org/01/06901234567809/21/R0001"));
        assertThat(sold).hasSize(1);
        assertThat(sold.get(0).get("bizStep").asText()).isEqualTo("retail_selling");
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sscc:0614141.1234567890"))).hasSize(1);
        List<JsonNode> paddy = events(api, admin, "MATCH_epcClass=" + q("https://id.gs1.org/01/06901234567892/10/JS2024-09"));
        assertThat(paddy).extracting(e -> e.get("type").asText())
                .containsExactly("ObjectEvent", "ObjectEvent", "TransformationEvent");

        String broken = resource("Example_9.6.1-ObjectEvent.jsonld")
                .replace("urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.999999.1")
                .replace("urn:epc:id:sgtin:0614141.107346.2018", "urn:epc:id:sgtin:0614141.999999.2")
                .replace("\"2005-04-04T20:33:31.116-06:00\"", "\"yesterday\"")
                .replace("\"bizStep\": \"shipping\"", "\"bizStep\": \"teleporting\"");
        TestApi.Response refused = api.send("POST", "/api/v1/epcis/capture", broken, admin, "application/ld+json");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("epcisBody.eventList[0].bizStep", "epcisBody.eventList[1].eventTime");
        assertThat(events(api, admin, "MATCH_anyEPC=" + q("urn:epc:id:sgtin:0614141.999999.1"))).as("nothing stored")
                .isEmpty();
        assertThat(api.get("/api/v1/epcis/events?GE_eventTime=soon", admin).status()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/epcis/capture", "{not json", admin, "application/json").status()).isEqualTo(400);
    }

    /** Acceptance 3: farm → repack (two lots) → two shipments; forward trace reaches both supermarkets; recall. */
    @Test
    void traceForwardReachesBothSupermarketsAndARecallShowsOnTheirScanPagesAndInTheirInboxes() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long n = System.nanoTime() % 100000;
        String farm = EnterpriseFixtures.create(api, "421224", "追溯测试合作社" + n);
        String processor = EnterpriseFixtures.create(api, "421202", "追溯测试加工厂" + n);
        String shop1 = EnterpriseFixtures.create(api, "421202", "追溯测试超市甲" + n);
        String shop2 = EnterpriseFixtures.create(api, "421281", "追溯测试超市乙" + n);
        String user1 = EnterpriseFixtures.enterpriseUser(api, shop1, "421202");
        String user2 = EnterpriseFixtures.enterpriseUser(api, shop2, "421281");
        JsonNode paddy = TraceabilityFixtures.created(api, admin, farm, "楠竹笋", "F" + n, "ORIGIN", List.of());
        JsonNode bagsA = TraceabilityFixtures.created(api, admin, processor, "袋装笋片", "RA" + n, "PROCESSED", List.of());
        JsonNode bagsB = TraceabilityFixtures.created(api, admin, processor, "袋装笋片", "RB" + n, "PROCESSED", List.of());
        String doc = TraceabilityFixtures.document(
                TraceabilityFixtures.shipping(paddy.get("epcClass").asText(), location(farm), location(processor),
                        "2026-01-02T08:00:00+08:00"),
                TraceabilityFixtures.transformation(paddy.get("epcClass").asText(), List.of(bagsA.get("epcClass").asText(),
                        bagsB.get("epcClass").asText()), location(processor), "2026-01-03T09:00:00+08:00"),
                TraceabilityFixtures.shipping(bagsA.get("epcClass").asText(), location(processor), location(shop1),
                        "2026-01-04T07:00:00+08:00"),
                TraceabilityFixtures.shipping(bagsB.get("epcClass").asText(), location(processor), location(shop2),
                        "2026-01-04T07:30:00+08:00"),
                TraceabilityFixtures.receiving(bagsA.get("epcClass").asText(), location(shop1), "2026-01-04T15:00:00+08:00"),
                TraceabilityFixtures.receiving(bagsB.get("epcClass").asText(), location(shop2), "2026-01-04T16:00:00+08:00"));
        TestApi.Response captured = api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(doc), admin);
        assertThat(captured.status()).as(captured.body()).isEqualTo(202);

        long farmBatch = paddy.get("id").asLong();
        JsonNode forward = api.get("/api/v1/batches/" + farmBatch + "/trace?direction=forward", admin).json();
        List<String> reached = new ArrayList<>();
        forward.get("batches").forEach(b -> reached.add(b.get("batchCode").asText()));
        assertThat(reached.get(0)).as("the farm batch itself, depth 0").isEqualTo(paddy.get("code").asText());
        assertThat(reached).containsExactlyInAnyOrder(paddy.get("code").asText(), bagsA.get("code").asText(),
                bagsB.get("code").asText());
        List<String> places = new ArrayList<>();
        forward.get("locations").forEach(l -> places.add(l.path("enterpriseName").asText()));
        assertThat(places).contains("追溯测试超市甲" + n, "追溯测试超市乙" + n);
        JsonNode back = api.get("/api/v1/batches/" + bagsB.get("id").asLong() + "/trace?direction=back", admin).json();
        assertThat(back.toString()).contains(paddy.get("code").asText());
        assertThat(api.get("/api/v1/batches/" + farmBatch + "/trace?direction=sideways", admin).status()).isEqualTo(400);

        WebSession anonymous = new WebSession(port);
        assertThat(anonymous.get("/t/" + bagsA.get("code").asText()).body()).doesNotContain("已召回");
        java.net.http.HttpResponse<String> plain = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/t/"
                        + bagsA.get("code").asText())).header("Accept", "text/html").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().allValues("Set-Cookie")).as("an anonymous scan opens no session").isEmpty();
        TestApi.Response recall = api.post("/api/v1/batches/" + farmBatch + "/recall", Map.of("reason", "二氧化硫残留超标"),
                admin);
        assertThat(recall.status()).as(recall.body()).isEqualTo(200);
        assertThat(recall.json().get("batchesRecalled").asInt()).isEqualTo(3);
        assertThat(recall.json().get("enterprisesNotified").toString()).contains("追溯测试超市甲" + n)
                .contains("追溯测试超市乙" + n);
        for (JsonNode b : List.of(bagsA, bagsB)) {
            String page = anonymous.get("/t/" + b.get("code").asText()).body();
            assertThat(page).contains("已召回").contains("二氧化硫残留超标");
        }
        for (String user : List.of(user1, user2)) {
            String inbox = api.get("/api/v1/notifications?size=50", api.token(user)).body();
            assertThat(inbox).contains("召回").contains("楠竹笋");
        }
        assertThat(api.get("/api/v1/notifications?size=50", api.token(user1)).body()).doesNotContain("追溯测试超市乙" + n);
        assertThat(events(api, admin, "MATCH_epcClass=" + q(bagsA.get("epcClass").asText()) + "&EQ_disposition=recalled"))
                .hasSize(1);
    }

    private java.net.http.HttpResponse<String> scan(String path, String accept, String ifNoneMatch) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Accept", accept);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The scan answers (kept per batch for anonymous visitors): a strong ETag of the bytes, 304 on If-None-Match, and
     * every change shows on the next scan — a new event, a certificate of an input lot, the recall of an upstream lot.
     */
    @Test
    void aScanAnswerHasAStrongETagAnd304AndTheNextScanShowsANewEventAnInputsCertificateAndAnUpstreamRecall()
            throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long n = System.nanoTime() % 100000;
        String farm = EnterpriseFixtures.create(api, "421224", "缓存测试农场" + n);
        String shop = EnterpriseFixtures.create(api, "421202", "缓存测试超市" + n);
        JsonNode raw = TraceabilityFixtures.created(api, admin, farm, "缓存测试茶叶", "CR" + n, "ORIGIN", List.of());
        JsonNode packed = TraceabilityFixtures.created(api, admin, farm, "缓存测试拼配茶", "CP" + n, "MIXED",
                List.of(raw.get("code").asText()));
        String path = "/t/" + packed.get("code").asText();

        var first = scan(path, "text/html", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).as("a strong ETag").matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
        var again = scan(path, "text/html", null);
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.body()).isEqualTo(first.body());
        var notModified = scan(path, "text/html", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(scan(path, "text/html", "W/" + etag).statusCode()).as("weak comparison").isEqualTo(304);
        var json = scan(path, "application/json", null);
        String jsonEtag = json.headers().firstValue("ETag").orElseThrow();
        assertThat(jsonEtag).isNotEqualTo(etag);
        assertThat(scan(path, "application/json", jsonEtag).statusCode()).isEqualTo(304);
        assertThat(first.body()).doesNotContain("缓存测试超市" + n).doesNotContain("已召回");

        // a new event of the batch: the next scan shows it, under another ETag
        TestApi.Response captured = api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(TraceabilityFixtures.document(
                TraceabilityFixtures.receiving(packed.get("epcClass").asText(), location(shop), "2026-01-04T15:00:00+08:00"))),
                admin);
        assertThat(captured.status()).as(captured.body()).isEqualTo(202);
        var received = scan(path, "text/html", etag);
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).contains("收货").contains("缓存测试超市" + n);
        String etag2 = received.headers().firstValue("ETag").orElseThrow();
        assertThat(etag2).isNotEqualTo(etag);
        assertThat(scan(path, "application/json", jsonEtag).statusCode()).isEqualTo(200);

        // a certificate of its input lot, which the page lists
        String cert = TraceabilityFixtures.certificate(api, admin, raw.get("code").asText());
        assertThat(scan(path, "text/html", etag2).body()).contains(cert);

        // the recall of the upstream lot marks this one: the next scan says so, in HTML and in JSON
        TestApi.Response recall = api.post("/api/v1/batches/" + raw.get("id").asLong() + "/recall",
                Map.of("reason", "缓存测试召回" + n), admin);
        assertThat(recall.status()).as(recall.body()).isEqualTo(200);
        assertThat(scan(path, "text/html", null).body()).contains("已召回").contains("缓存测试召回" + n);
        assertThat(TestApi.JSON.readTree(scan(path, "application/json", null).body()).get("recalled").asBoolean()).isTrue();
    }

    /** Acceptance 4: a mixed lot's certificate references every input lot and the scan page shows them. */
    @Test
    void aCertificateForMixedLotsReferencesAllInputsAndTheScanPageShowsThem() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long n = System.nanoTime() % 100000;
        String farm1 = EnterpriseFixtures.create(api, "421223", "混批测试茶场甲" + n);
        String farm2 = EnterpriseFixtures.create(api, "421223", "混批测试茶场乙" + n);
        String wholesaler = EnterpriseFixtures.create(api, "421202", "混批测试批发商" + n);
        JsonNode a = TraceabilityFixtures.created(api, admin, farm1, "青砖茶原料", "A" + n, "ORIGIN", List.of());
        JsonNode b = TraceabilityFixtures.created(api, admin, farm2, "青砖茶原料", "B" + n, "ORIGIN", List.of());
        String certA = TraceabilityFixtures.certificate(api, admin, a.get("code").asText());
        String certB = TraceabilityFixtures.certificate(api, admin, b.get("code").asText());
        TestApi.Response noInputs = TraceabilityFixtures.batch(api, admin, wholesaler, "青砖茶拼配", "M0" + n, "MIXED", List.of());
        assertThat(noInputs.status()).isEqualTo(400);
        assertThat(noInputs.json().get("errors").get(0).get("field").asText()).isEqualTo("inputs");
        JsonNode mixed = TraceabilityFixtures.created(api, admin, wholesaler, "青砖茶拼配", "M" + n, "MIXED",
                List.of(a.get("code").asText(), b.get("code").asText()));
        TestApi.Response cert = api.post("/api/v1/certificates", Map.of("batch", mixed.get("code").asText(),
                "contact", "0715-8123000", "basis", "COMMISSIONED_TEST", "testRecord", "报告编号 WT2026-001"), admin);
        assertThat(cert.status()).as(cert.body()).isEqualTo(201);
        List<String> inputCodes = new ArrayList<>();
        cert.json().get("inputs").forEach(i -> inputCodes.add(i.get("batchCode").asText()));
        assertThat(inputCodes).containsExactlyInAnyOrder(a.get("code").asText(), b.get("code").asText());
        assertThat(cert.json().get("inputs").toString()).contains(certA).contains(certB);
        TestApi.Response missingRecord = api.post("/api/v1/certificates", Map.of("batch", mixed.get("code").asText(),
                "contact", "0715-8123000", "basis", "SELF_TEST"), admin);
        assertThat(missingRecord.status()).isEqualTo(400);
        assertThat(missingRecord.json().get("errors").get(0).get("field").asText()).isEqualTo("testRecord");

        String page = new WebSession(port).get("/t/" + mixed.get("code").asText()).body();
        assertThat(page).contains(a.get("code").asText()).contains(b.get("code").asText()).contains(certA).contains(certB)
                .contains("承诺达标合格证").contains("报告编号 WT2026-001");
        String back = api.get("/api/v1/batches/" + mixed.get("id").asLong() + "/trace?direction=back", admin).body();
        assertThat(back).contains(a.get("code").asText()).contains(b.get("code").asText());
    }

    /** The Digital Link path answers HTML and the resolver's JSON linkset; a spot-check result becomes an inspection. */
    @Test
    void theDigitalLinkPathResolvesAndASpotCheckBecomesAnInspectingEvent() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long n = System.nanoTime() % 100000;
        String farm = EnterpriseFixtures.create(api, "421221", "数字链接测试农场" + n);
        Map<String, Object> req = new java.util.HashMap<>(Map.of("creditCode", farm, "productName", "嘉鱼蔬菜礼盒",
                "gtin", "6901234567892", "lot", "DL" + n, "kind", "ORIGIN", "origin", "嘉鱼县", "quantity", 20, "uom", "H87"));
        TestApi.Response created = api.post("/api/v1/batches", req, admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("digitalLink").asText()).endsWith("/01/06901234567892/10/DL" + n);
        assertThat(created.json().get("publicUri").asText()).isEqualTo(created.json().get("digitalLink").asText());
        req.put("gtin", "6901234567891");
        req.put("lot", "X" + n);
        req.put("productName", "另一个产品" + n);
        TestApi.Response badGtin = api.post("/api/v1/batches", req, admin);
        assertThat(badGtin.status()).isEqualTo(400);
        assertThat(badGtin.json().get("errors").get(0).get("field").asText()).isEqualTo("gtin");

        String path = "/01/06901234567892/10/DL" + n;
        assertThat(new WebSession(port).get(path).body()).contains("嘉鱼蔬菜礼盒").contains("数字链接测试农场" + n);
        TestApi.Response json = api.get(path + "?linkType=all", null);
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("linkset").has("https://gs1.org/voc/pip")).isTrue();
        assertThat(json.json().get("recalled").asBoolean()).isFalse();
        assertThat(api.get("/01/06901234567892/10/NOPE" + n, null).status()).isEqualTo(404);

        // acceptance 1 over HTTP: the lot B24/05 is the path segment B24%2F05, and the scan page resolves it
        req.put("gtin", "6901234567892");
        req.put("productName", "嘉鱼蔬菜礼盒");
        req.put("lot", "B24/05");
        TestApi.Response slash = api.post("/api/v1/batches", req, admin);
        assertThat(slash.status()).as(slash.body()).isEqualTo(201);
        assertThat(slash.json().get("publicUri").asText()).endsWith("/01/06901234567892/10/B24%2F05");
        WebSession anonymous = new WebSession(port);
        WebSession.Page slashPage = anonymous.get("/01/06901234567892/10/B24%2F05");
        assertThat(slashPage.status()).isEqualTo(200);
        assertThat(slashPage.body()).contains("嘉鱼蔬菜礼盒").contains("B24/05").contains("数字链接测试农场" + n);
        TestApi.Response slashJson = api.get("/01/06901234567892/10/B24%2F05?linkType=all", null);
        assertThat(slashJson.status()).as(slashJson.body()).isEqualTo(200);
        assertThat(slashJson.json().get("batch").get("lot").asText()).isEqualTo("B24/05");
        // an encoded slash anywhere else, or a dot segment hidden behind one, is still refused
        assertThat(anonymous.get("/t/B24%2F05").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/batches%2F" + slash.json().get("id").asLong(), admin).status()).isEqualTo(400);
        assertThat(anonymous.get("/01/06901234567892/10/B24%2F..%2F..%2Flogin").status()).isIn(400, 404);
        assertThat(anonymous.get("/01/06901234567892/10/B24%2F%2E%2E").status()).isEqualTo(400);

        long sample = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(farm, "SUPERVISION", "FOOD-OIL", "DL" + n,
                api.today().minusDays(1).toString()));
        assertThat(SpotcheckFixtures.record(api, admin, sample, true).status()).isEqualTo(200);
        String cls = created.json().get("epcClass").asText();
        List<JsonNode> inspections = Await.until("the inspecting event of the sampled batch",
                () -> events(api, admin, "EQ_bizStep=inspecting&MATCH_epcClass=" + q(cls)), l -> !l.isEmpty());
        assertThat(inspections.get(0).get("disposition").asText()).isEqualTo("conformant");
    }

    /**
     * Origin release (产地准出): a market receives three farm batches; the one with neither a certificate nor a passed
     * test is flagged to the market's regulator (its district's inbox and the batches page), the certified one and the
     * one inspected conformant are not.
     */
    @Test
    void aMarketReceivingAFarmBatchWithoutCertificateOrPassedTestIsFlaggedToItsRegulator() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        long n = System.nanoTime() % 100000;
        String farm = EnterpriseFixtures.create(api, "421224", "产地准出测试合作社" + n);
        String market = EnterpriseFixtures.create(api, "421281", "产地准出测试农贸市场" + n);
        JsonNode bare = TraceabilityFixtures.created(api, admin, farm, "准出白菜" + n, "OB" + n, "ORIGIN", List.of());
        JsonNode certified = TraceabilityFixtures.created(api, admin, farm, "准出萝卜" + n, "OC" + n, "ORIGIN", List.of());
        JsonNode tested = TraceabilityFixtures.created(api, admin, farm, "准出莴笋" + n, "OT" + n, "ORIGIN", List.of());
        TraceabilityFixtures.certificate(api, admin, certified.get("code").asText());
        String inspected = "{\"type\":\"ObjectEvent\",\"action\":\"OBSERVE\",\"eventTime\":\"2026-01-02T07:00:00+08:00\","
                + "\"eventTimeZoneOffset\":\"+08:00\",\"bizStep\":\"inspecting\",\"disposition\":\"conformant\","
                + "\"bizLocation\":{\"id\":\"" + location(farm) + "\"},\"quantityList\":[{\"epcClass\":\""
                + tested.get("epcClass").asText() + "\"}]}";
        List<String> events = new ArrayList<>(List.of(inspected));
        for (JsonNode b : List.of(bare, certified, tested)) {
            events.add(TraceabilityFixtures.shipping(b.get("epcClass").asText(), location(farm), location(market),
                    "2026-01-02T08:00:00+08:00"));
            events.add(TraceabilityFixtures.receiving(b.get("epcClass").asText(), location(market),
                    "2026-01-02T15:00:00+08:00"));
        }
        TestApi.Response captured = api.post("/api/v1/epcis/capture",
                TestApi.JSON.readTree(TraceabilityFixtures.document(events.toArray(String[]::new))), admin);
        assertThat(captured.status()).as(captured.body()).isEqualTo(202);

        String inbox = api.get("/api/v1/notifications?size=100", api.token("chibi")).body();
        assertThat(inbox).contains("产地准出").contains("准出白菜" + n).contains(bare.get("code").asText())
                .doesNotContain("准出萝卜" + n).doesNotContain("准出莴笋" + n);
        assertThat(api.get("/api/v1/notifications?size=100", api.token("tongcheng")).body())
                .as("another district's regulator").doesNotContain("准出白菜" + n);
        WebSession regulator = new WebSession(port);
        regulator.login("chibi", TestApi.DEMO_PASSWORD);
        assertThat(regulator.get("/traceability/batches").body()).contains(bare.get("code").asText())
                .doesNotContain(certified.get("code").asText());
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    /**
     * Events that the first release stored under its own hash (SHA-256 of the sorted JSON, before the CBV 2.0 event
     * hash ID) are re-filed by migration V23_550, so that re-sending such an event is a duplicate, not a second copy.
     */
    @Test
    void anEventStoredUnderTheOldHashIsRecognisedWhenResentAfterTheMigration() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String cls = "https://trace.qualitycity.example/t/OLDHASH" + System.nanoTime() % 1_000_000_000L;
        String doc = TraceabilityFixtures.document(TraceabilityFixtures.receiving(cls, "urn:qualitycity:loc:oldhash",
                "2025-06-01T08:00:00+08:00"));
        TestApi.Response first = api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(doc), admin);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().get("captured").asInt()).isEqualTo(1);
        // as the first release stored it: its hash, and the name-based UUID it gave an event without eventID
        String oldHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(("first release " + cls).getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("""
                        UPDATE traceability_event SET hash = decode(:h, 'hex'), body = jsonb_set(body, '{eventID}', to_jsonb(:uuid))
                        WHERE id IN (SELECT event_id FROM traceability_event_epc WHERE epc = :c)""")
                .param("h", oldHash).param("uuid", "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(oldHash.getBytes(
                        StandardCharsets.UTF_8))).param("c", cls).update()).isEqualTo(1);

        try (java.sql.Connection c = dataSource.getConnection()) {
            new db.migration.traceability.V23_550__event_hash_cbv2().migrate(new org.flywaydb.core.api.migration.Context() {
                @Override
                public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
                    return null;
                }

                @Override
                public java.sql.Connection getConnection() {
                    return c;
                }
            });
        }
        TestApi.Response again = api.post("/api/v1/epcis/capture", TestApi.JSON.readTree(doc), admin);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("captured").asInt()).as(again.body()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM traceability_event_epc WHERE epc = :c").param("c", cls)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
