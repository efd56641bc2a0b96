package org.qualitycity.spotcheck;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample search treats {@code %} and {@code _} literally (issue 11: one list query builder). */
@QcIntegrationTest
class SpotcheckSearchTest {

    @LocalServerPort
    int port;

    private static List<String> batches(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> batches = new ArrayList<>();
        r.json().get("items").forEach(s -> batches.add(s.get("batchNo").asText()));
        return batches;
    }

    @Test
    void aSearchForFiftyPercentFindsOnlyBatchesContainingFiftyPercentAndAnUnderscoreMatchesOnlyItself() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String t = "Q" + UUID.randomUUID().toString().substring(0, 8);
        String ent = EnterpriseFixtures.create(api, "421202", t + "抽查检索测试食品有限公司");
        String percent = t + "-50%";
        String fiveHundred = t + "-500";
        String underscore = t + "-5_0";
        String other = t + "-5X0";
        for (String batch : List.of(percent, fiveHundred, underscore, other)) {
            SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-OIL", batch,
                    "2019-03-01"));
        }
        assertThat(batches(api.get("/api/v1/spotchecks/samples?size=50&q=" + enc(t + "-"), admin)))
                .containsExactlyInAnyOrder(percent, fiveHundred, underscore, other);

        assertThat(batches(api.get("/api/v1/spotchecks/samples?size=50&q=" + enc(t + "-50%"), admin)))
                .containsExactly(percent);
        assertThat(batches(api.get("/api/v1/spotchecks/samples?size=50&q=" + enc(t + "-5_0"), admin)))
                .containsExactly(underscore);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
