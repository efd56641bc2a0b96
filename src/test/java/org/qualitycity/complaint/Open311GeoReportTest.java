package org.qualitycity.complaint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, finding 3 (acceptance 4): Open311 answers follow GeoReport v2. Errors are the spec's JSON array of
 * {@code {code, description}} with the HTTP status (not problem+json); {@code status_notes} is the state in words in
 * the request's language; a complainant's name that is an ordinary word does not garble the published description.
 */
@QcIntegrationTest
class Open311GeoReportTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /** Every test request comes from 127.0.0.1: leave the public intake's per-address allowance unspent. */
    @AfterEach
    void clearRateCounters() {
        jdbc.sql("DELETE FROM platform_rate").update();
    }

    @Test
    void errorsAreGeoReportErrorArraysWithTheHttpStatus() {
        TestApi api = new TestApi(port);
        // bad parameters: one entry per bad field
        assertError(api.get("/open311/v2/requests.json?page_size=1000", null), 400, "page_size");
        assertError(api.get("/open311/v2/requests.json?status=maybe", null), 400, "status");
        assertError(api.get("/open311/v2/requests.json?page=abc", null), 400, "page");
        assertError(api.send("POST", "/open311/v2/requests.json", "service_code=NOPE", null,
                "application/x-www-form-urlencoded"), 400, "service_code");
        // a request that does not exist, a token that does not exist, a URL that does not exist
        assertError(api.get("/open311/v2/requests/T20990101-ZZZZZZ.json", null), 404, null);
        assertError(api.get("/open311/v2/tokens/T20990101-ZZZZZZ.json", null), 404, null);
        assertError(api.get("/open311/v2/nothing-here.json", null), 404, null);
        // refused before any controller (a U+0000 in a parameter): the filter answers in the same shape
        assertError(api.get("/open311/v2/requests.json?service_code=%00", null), 400, "service_code");
        // the JSON API keeps RFC 9457
        TestApi.Response problem = api.get("/api/v1/public/complaints/T20990101-ZZZZZZ", null);
        assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void statusNotesAreTheStateInTheRequestsLanguageAndOrdinaryWordsStayInTheDescription() throws Exception {
        TestApi api = new TestApi(port);
        String form = "service_code=GOODS_COMPLAINT&description="
                + enc("测试报告显示电饭煲不合格，复测试验也不合格，商家不退。")
                + "&address_string=" + enc("嘉鱼县鱼岳镇沿江大道9号") + "&attribute%5Brespondent%5D="
                + enc("嘉鱼县状态说明测试电器") + "&first_name=" + enc("试") + "&last_name=" + enc("测")
                + "&phone=" + ComplaintFixtures.freshPhone();
        TestApi.Response posted = api.send("POST", "/open311/v2/requests.json", form, null,
                "application/x-www-form-urlencoded");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String id = posted.json().get(0).get("service_request_id").asString();

        JsonNode zh = api.get("/open311/v2/requests/" + id + ".json", null).json().get(0);
        assertThat(zh.get("status").asString()).isEqualTo("open");
        assertThat(zh.get("status_notes").asString()).isEqualTo("待受理");
        // the complainant 测试: the ordinary words of the description are published unharmed
        assertThat(zh.get("description").asString()).isEqualTo("测试报告显示电饭煲不合格，复测试验也不合格，商家不退。");

        JsonNode en = api.get("/open311/v2/requests/" + id + ".json?lang=en", null).json().get(0);
        assertThat(en.get("status_notes").asString()).isEqualTo("Awaiting decision");
        HttpResponse<String> accept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.base() + "/open311/v2/requests.json?service_request_id=" + id))
                .header("Accept-Language", "en-US,en;q=0.9").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(TestApi.JSON.readTree(accept.body()).get(0).get("status_notes").asString())
                .isEqualTo("Awaiting decision");
    }

    private static void assertError(TestApi.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.isArray()).as(r.body()).isTrue();
        assertThat(body.size()).isPositive();
        for (JsonNode e : body) {
            assertThat(e.get("code").isInt()).as(r.body()).isTrue();
            assertThat(e.get("code").asInt()).isEqualTo(status);
            assertThat(e.get("description").asString()).isNotBlank();
        }
        if (field != null) {
            assertThat(body.get(0).get("description").asString()).as(r.body()).startsWith(field);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
