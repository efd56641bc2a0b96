package org.qualitycity.traceability.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.TestApi;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the EPCIS event hash ID of CBV 2.0 (section 8.9), checked against independent implementations: the worked
 * example of GS1 Germany's reference implementation (epcis-event-hash-generator, tests/examples/TimeStampRoundOff:
 * the pre-hash strings and hashes it publishes), the eventIDs that GS1 France's epcis2.js 2.7.3 wrote into the fixture
 * src/test/resources/epcis/epcis2js-document.jsonld, and the hashes epcis2.js computes for the standard's example 9.6.1
 * (whose own eventIDs are illustrative: neither implementation reproduces them).
 */
class EventHashTest {

    private static JsonNode resource(String name) {
        try (InputStream in = EventHashTest.class.getResourceAsStream("/epcis/" + name)) {
            return TestApi.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theReferenceImplementationsWorkedExampleGivesItsPreHashStringsAndHashes() {
        JsonNode context = TestApi.JSON.readTree("[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"]");
        JsonNode shipping = TestApi.JSON.readTree("""
                {"type": "ObjectEvent", "eventTime": "2023-02-02T11:04:03.1415Z", "eventTimeZoneOffset": "+01:00",
                 "epcList": ["https://id.gs1.de/00/040123451111111110"], "action": "OBSERVE", "bizStep": "shipping",
                 "disposition": "in_transit", "readPoint": {"id": "https://id.gs1.de/414/4012345000115"}}""");
        assertThat(EventHash.preHash(shipping, context)).isEqualTo("eventType=ObjectEventeventTime=2023-02-02T11:04:03.142Z"
                + "eventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/00/040123451111111110action=OBSERVE"
                + "bizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transit"
                + "readPointid=https://id.gs1.org/414/4012345000115");
        assertThat(EventHash.id(shipping, context))
                .isEqualTo("ni:///sha-256;af7658e711574363633f20b3dadc7bc4c13c6f612cf96d95e03c421c0e58f3c6?ver=CBV2.0");
        JsonNode transporting = TestApi.JSON.readTree("""
                {"type": "ObjectEvent", "eventTime": "2023-02-02T11:04:03.1414Z", "eventTimeZoneOffset": "+01:00",
                 "epcList": ["https://id.gs1.de/00/040123451111111110"], "action": "OBSERVE", "bizStep": "transporting",
                 "readPoint": {"id": "geo:50.947573340894124,6.922120147375441"}}""");
        assertThat(EventHash.preHash(transporting, context)).isEqualTo("eventType=ObjectEventeventTime=2023-02-02T11:04:03.141Z"
                + "eventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/00/040123451111111110action=OBSERVE"
                + "bizStep=https://ref.gs1.org/cbv/BizStep-transportingreadPointid=geo:50.947573340894124,6.922120147375441");
        assertThat(EventHash.id(transporting, context))
                .isEqualTo("ni:///sha-256;0550df44527332c1fe417c5837fe61b9e71eaa93307b88519dac549bf2d4dcf9?ver=CBV2.0");
    }

    @Test
    void theHashesWrittenByEpcis2jsAreReproduced() {
        JsonNode doc = resource("epcis2js-document.jsonld");
        JsonNode events = doc.get("epcisBody").get("eventList");
        assertThat(events).hasSize(5);
        for (JsonNode e : events) {
            if (e.has("parentID")) {
                // epcis2.js 2.7.3 converts urn:epc:id:sscc:0614141.1234567890 keeping the extension digit twice; the Tag
                // Data Standard's SSCC is (00)106141412345678908, which is what this implementation uses
                assertThat(EventHash.preHash(e, doc.get("@context")))
                        .contains("parentID=https://id.gs1.org/00/106141412345678908");
                continue;
            }
            assertThat(EventHash.id(e, doc.get("@context"))).as(e.get("type").asText()).isEqualTo(e.get("eventID").asText());
        }
        JsonNode example = resource("Example_9.6.1-ObjectEvent.jsonld");
        JsonNode list = example.get("epcisBody").get("eventList");
        assertThat(EventHash.id(list.get(0), example.get("@context")))
                .isEqualTo("ni:///sha-256;df6523665bc5e5803d6c7b84f5a04e103694d8220f2abc4f2c74310e89f31bc6?ver=CBV2.0");
        assertThat(EventHash.id(list.get(1), example.get("@context")))
                .isEqualTo("ni:///sha-256;32547b2344d525ea60ab1b899d82a9011fd9c39bb26ed936e113066146f49941?ver=CBV2.0");
    }

    @Test
    void theSameEventWrittenDifferentlyHasTheSameHashAndAChangedOneAnother() {
        JsonNode a = TestApi.JSON.readTree("""
                {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-01-02T08:00:00+08:00",
                 "eventTimeZoneOffset": "+08:00", "bizStep": "shipping", "disposition": "in_transit",
                 "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018"],
                 "quantityList": [{"epcClass": "https://example.com/01/6901234567892/10/B24%2F05", "quantity": 100.0}],
                 "bizLocation": {"id": "urn:epc:id:sgln:0614141.07346.0"}, "eventID": "urn:uuid:1", "recordTime": "x"}""");
        JsonNode b = TestApi.JSON.readTree("""
                {"epcList": ["https://id.gs1.org/01/10614141073464/21/2018", "https://id.gs1.org/01/10614141073464/21/2017"],
                 "bizLocation": {"id": "https://id.gs1.org/414/0614141073467"},
                 "quantityList": [{"quantity": 100, "epcClass": "https://id.gs1.org/01/06901234567892/10/B24%2F05"}],
                 "disposition": "urn:epcglobal:cbv:disp:in_transit", "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping",
                 "eventTimeZoneOffset": "+08:00", "eventTime": "2026-01-02T00:00:00.000Z", "action": "OBSERVE",
                 "type": "ObjectEvent"}""");
        assertThat(EventHash.preHash(a, null)).isEqualTo(EventHash.preHash(b, null));
        assertThat(EventHash.id(a, null)).isEqualTo(EventHash.id(b, null)).startsWith("ni:///sha-256;").endsWith("?ver=CBV2.0");
        JsonNode c = a.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) c).put("disposition", "in_progress");
        assertThat(EventHash.id(c, null)).isNotEqualTo(EventHash.id(a, null));
    }

    /**
     * The fast date-time normalisation (no formatter, the capture's hot path) gives the formatter's answer for every
     * date-time the pre-hash reads, including rounding across midnight and the year, offsets, and the texts it leaves
     * to the formatter (null: the formatter decides).
     */
    @Test
    void theFastDateTimeNormalisationAgreesWithTheFormatter() {
        for (String v : java.util.List.of("2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.1414Z",
                "2026-01-02T08:00:00+08:00", "2026-01-02T08:00+08:00", "2026-01-02T08:00", "2026-01-02T08:00:59",
                "2026-12-31T23:59:59.9996Z", "2024-02-29T23:30:00-05:30", "2026-01-01T00:00:00.123456789+14:00",
                "2026-01-01T00:00:00.5-00:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59.9999Z",
                "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
                "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00.1234567891Z",
                "0000-06-01T00:00:00Z")) {
            String fast = EventHash.fastTime(v);
            if (fast != null) {
                assertThat(fast).as(v).isEqualTo(EventHash.time(v));
            }
            java.time.Instant instant = EventHash.fastInstant(v);
            if (instant != null) {
                assertThat(instant).as(v).isEqualTo(java.time.OffsetDateTime.parse(v).toInstant());
            }
            assertThat(EventHash.value(v)).as(v).isEqualTo(EventHash.time(v) != null ? EventHash.time(v) : v);
        }
        assertThat(EventHash.fastTime("2026-12-31T23:59:59.9996Z")).isEqualTo("2027-01-01T00:00:00.000Z");
        assertThat(EventHash.fastTime("2026-01-02T08:00:00+08:00")).isEqualTo("2026-01-02T00:00:00.000Z");
        assertThat(EventHash.fastInstant("2026-01-01T00:00:00.123456789+14:00"))
                .isEqualTo(java.time.Instant.parse("2025-12-31T10:00:00.123456789Z"));
        assertThat(EventHash.fastInstant("2026-01-02T08:00")).as("no offset: the caller decides").isNull();
        assertThat(EventHash.digest(TestApi.JSON.readTree("{\"type\": \"ObjectEvent\"}"), null)).hasSize(32);
    }
}
