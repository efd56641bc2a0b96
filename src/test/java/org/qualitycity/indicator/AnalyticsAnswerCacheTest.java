package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the analytics answer is cached as asked (question and caller's scope), and still fresh after
 * values change and after approval; it comes with an entity tag (304 when the client holds it) and
 * gzip-compressed from the cache when the client accepts it.
 */
@QcIntegrationTest
class AnalyticsAnswerCacheTest {

    @LocalServerPort
    int port;

    private TestApi api() {
        return new TestApi(port);
    }

    private static JsonNode row(JsonNode items, String indicator, String period, String unit) {
        for (JsonNode r : items) {
            if (r.get("indicator").asText().equals(indicator) && r.get("period").asText().equals(period)
                    && r.get("unit").asText().equals(unit)) {
                return r;
            }
        }
        return null;
    }

    private HttpResponse<byte[]> raw(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aCachedAnswerIsFreshAfterValuesChangeAndAfterApproval() {
        TestApi api = api();
        String admin = api.token("admin");
        String tongcheng = api.token("tongcheng");
        String q = "/api/v1/analytics?dx=G6&pe=2014Q2&ou=421222";
        String pub = "/api/v1/public/analytics?dx=G6&pe=2014Q2&ou=421222";
        JsonNode before = api.get(q, admin).json().get("items");
        JsonNode beforeRow = row(before, "G6", "2014Q2", "421222");
        assertThat(beforeRow == null || beforeRow.get("value").isNull()).as(before.toString()).isTrue();
        assertThat(row(api.get(pub, null).json().get("items"), "G6", "2014Q2", "421222")).isNull();

        var saved = api.put("/api/v1/indicator-values", Map.of("unitCode", "421222", "period", "2014Q2", "values",
                List.of(Map.of("element", "G6_TREATED", "value", 9), Map.of("element", "G6_DISCHARGED", "value", 10))),
                tongcheng);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        List<Map<String, String>> keys = List.of(Map.of("element", "G6_TREATED", "unitCode", "421222", "period", "2014Q2"),
                Map.of("element", "G6_DISCHARGED", "unitCode", "421222", "period", "2014Q2"));
        var submitted = api.post("/api/v1/indicator-values/actions", Map.of("action", "SUBMIT", "keys", keys), tongcheng);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);

        // asked again at once (well within the cache's time-to-live): the new value, not the cached answer
        JsonNode after = row(api.get(q, admin).json().get("items"), "G6", "2014Q2", "421222");
        assertThat(after).isNotNull();
        assertThat(after.get("value").decimalValue()).isEqualByComparingTo("90");
        assertThat(row(api.get(pub, null).json().get("items"), "G6", "2014Q2", "421222")).as("not approved yet").isNull();

        var approved = api.post("/api/v1/indicator-values/actions", Map.of("action", "APPROVE", "keys", keys), admin);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode published = row(api.get(pub, null).json().get("items"), "G6", "2014Q2", "421222");
        assertThat(published).as("approved values are public at once").isNotNull();
        assertThat(published.get("value").decimalValue()).isEqualByComparingTo("90");
    }

    @Test
    void theAnswerHasAnEntityTagAndComesCompressedOrAsNotModified() throws Exception {
        String admin = api().token("admin");
        String q = "/api/v1/analytics?dx=P2&pe=2018&ou=421200%3BLEVEL-2";
        HttpResponse<byte[]> plain = raw(q, admin);
        assertThat(plain.statusCode()).isEqualTo(200);
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(plain.headers().firstValue("Cache-Control").orElse("")).contains("private").contains("no-cache");

        HttpResponse<byte[]> gzip = raw(q, admin, "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("ETag")).hasValue(etag);
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));

        HttpResponse<byte[]> again = raw(q, admin, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(raw(q, admin, "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
    }

    @Test
    void theSameQuestionInAnotherScopeGetsItsOwnAnswer() {
        TestApi api = api();
        String q = "/api/v1/analytics?dx=P2&pe=2018&ou=LEVEL-2";
        JsonNode city = api.get(q, api.token("admin")).json().get("items");
        JsonNode district = api.get(q, api.token("tongcheng")).json().get("items");
        List<String> cityUnits = new ArrayList<>();
        city.forEach(r -> cityUnits.add(r.get("unit").asText()));
        List<String> districtUnits = new ArrayList<>();
        district.forEach(r -> districtUnits.add(r.get("unit").asText()));
        assertThat(cityUnits).contains("421222", "421281");
        assertThat(districtUnits).isNotEmpty().containsOnly("421222");
    }
}
