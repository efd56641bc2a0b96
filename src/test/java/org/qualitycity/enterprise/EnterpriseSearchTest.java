package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The register's search treats {@code %}, {@code _} and {@code \} literally (issue 11: one list query builder). */
@QcIntegrationTest
class EnterpriseSearchTest {

    @LocalServerPort
    int port;

    private static List<String> names(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().get("items").forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    @Test
    void aSearchForFiftyPercentFindsOnlyNamesContainingFiftyPercentAndAnUnderscoreMatchesOnlyItself() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        // a token of this test's own, so that no other record matches
        String t = "Q" + UUID.randomUUID().toString().substring(0, 8);
        String percent = t + "50%优惠商贸有限公司";
        String fiveHundred = t + "500强食品有限公司";
        String underscore = t + "5_0电器有限公司";
        String other = t + "5X0电器有限公司";
        String backslash = t + "5\\0机械有限公司";
        for (String name : List.of(percent, fiveHundred, underscore, other, backslash)) {
            EnterpriseFixtures.create(api, "421202", name);
        }
        assertThat(names(api.get("/api/v1/enterprises?size=50&q=" + enc(t), admin)))
                .containsExactlyInAnyOrder(percent, fiveHundred, underscore, other, backslash);

        assertThat(names(api.get("/api/v1/enterprises?size=50&q=" + enc(t + "50%"), admin))).containsExactly(percent);
        assertThat(names(api.get("/api/v1/enterprises?size=50&q=" + enc(t + "5_0"), admin))).containsExactly(underscore);
        assertThat(names(api.get("/api/v1/enterprises?size=50&q=" + enc(t + "5\\0"), admin))).containsExactly(backslash);
        // a lone wildcard character is no wildcard: every name found contains it
        assertThat(names(api.get("/api/v1/enterprises?size=200&q=" + enc("%"), admin)))
                .contains(percent).allMatch(n -> n.contains("%"));
        assertThat(names(api.get("/api/v1/enterprises?size=200&q=" + enc("_"), admin)))
                .contains(underscore).allMatch(n -> n.contains("_"));
    }

    @Test
    void anUnknownSortKeyIsA400NamingSort() {
        TestApi api = new TestApi(port);
        var r = api.get("/api/v1/enterprises?sort=password", api.token("admin"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("sort");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
