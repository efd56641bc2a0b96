package org.qualitycity.traceability;

import org.qualitycity.support.TestApi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Batches, certificates and EPCIS documents for the traceability tests. */
public final class TraceabilityFixtures {

    private TraceabilityFixtures() {
    }

    public static TestApi.Response batch(TestApi api, String token, String creditCode, String product, String lot,
                                         String kind, List<String> inputs) {
        Map<String, Object> b = new HashMap<>();
        b.put("creditCode", creditCode);
        b.put("productName", product);
        b.put("lot", lot);
        b.put("kind", kind);
        b.put("quantity", 500);
        b.put("uom", "KGM");
        b.put("origin", "湖北省咸宁市通山县");
        b.put("inputs", inputs);
        return api.post("/api/v1/batches", b, token);
    }

    /** Creates a batch and answers its JSON (id, code, epcClass, publicUri …). */
    public static tools.jackson.databind.JsonNode created(TestApi api, String token, String creditCode, String product,
                                                         String lot, String kind, List<String> inputs) {
        TestApi.Response r = batch(api, token, creditCode, product, lot, kind, inputs);
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return r.json();
    }

    public static String certificate(TestApi api, String token, String batchCode) {
        TestApi.Response r = api.post("/api/v1/certificates", Map.of("batch", batchCode, "contact", "0715-8123456",
                "basis", "SELF_TEST", "testRecord", "农残速测 抑制率 12%,合格"), token);
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return r.json().get("certNo").asText();
    }

    /** An EPCIS document of the events given (JSON text of each). */
    public static String document(String... events) {
        return "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],\"type\":\"EPCISDocument\","
                + "\"schemaVersion\":\"2.0\",\"creationDate\":\"2026-01-05T10:00:00+08:00\",\"epcisBody\":{\"eventList\":["
                + String.join(",", events) + "]}}";
    }

    public static String shipping(String epcClass, String from, String to, String time) {
        return "{\"type\":\"ObjectEvent\",\"action\":\"OBSERVE\",\"eventTime\":\"" + time + "\",\"eventTimeZoneOffset\":\"+08:00\","
                + "\"bizStep\":\"shipping\",\"disposition\":\"in_transit\",\"bizLocation\":{\"id\":\"" + from + "\"},"
                + "\"quantityList\":[{\"epcClass\":\"" + epcClass + "\",\"quantity\":100,\"uom\":\"KGM\"}],"
                + "\"destinationList\":[{\"type\":\"location\",\"destination\":\"" + to + "\"}]}";
    }

    public static String receiving(String epcClass, String at, String time) {
        return "{\"type\":\"ObjectEvent\",\"action\":\"OBSERVE\",\"eventTime\":\"" + time + "\",\"eventTimeZoneOffset\":\"+08:00\","
                + "\"bizStep\":\"receiving\",\"disposition\":\"active\",\"bizLocation\":{\"id\":\"" + at + "\"},"
                + "\"quantityList\":[{\"epcClass\":\"" + epcClass + "\",\"quantity\":100,\"uom\":\"KGM\"}]}";
    }

    public static String transformation(String input, List<String> outputs, String at, String time) {
        StringBuilder out = new StringBuilder();
        for (String o : outputs) {
            out.append(out.length() > 0 ? "," : "").append("{\"epcClass\":\"").append(o).append("\",\"quantity\":50}");
        }
        return "{\"type\":\"TransformationEvent\",\"eventTime\":\"" + time + "\",\"eventTimeZoneOffset\":\"+08:00\","
                + "\"bizStep\":\"repackaging\",\"disposition\":\"active\",\"bizLocation\":{\"id\":\"" + at + "\"},"
                + "\"inputQuantityList\":[{\"epcClass\":\"" + input + "\",\"quantity\":100,\"uom\":\"KGM\"}],"
                + "\"outputQuantityList\":[" + out + "]}";
    }

    public static String location(String creditCode) {
        return "urn:qualitycity:loc:" + creditCode;
    }
}
