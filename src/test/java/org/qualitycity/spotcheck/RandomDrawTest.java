package org.qualitycity.spotcheck;

import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, acceptance 4: a random draw (双随机一公开) is reproduced exactly from its seed and leaves out an enterprise
 * sampled for the same product category within 6 months, unless an override with a reason keeps it in (audited).
 */
@QcIntegrationTest
class RandomDrawTest {

    @LocalServerPort
    int port;

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> draw(String seed, int n, List<Map<String, Object>> overrides) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "通城县纺织服装双随机抽查");
        m.put("categoryCode", "IND-TEXTILE");
        m.put("unitCode", "421222");
        m.put("sampleSize", n);
        m.put("excludeOwnDistrict", true);
        m.put("seed", seed);
        m.put("overrides", overrides);
        return m;
    }

    private static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.get("creditCode").asText()));
        return out;
    }

    @Test
    void aDrawIsReproducedFromItsSeedAndLeavesOutARecentSampleUnlessOverriddenWithAReason() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        // the pool: inspectors of other districts, and one of 通城县's own market regulator (a conflict for its enterprises)
        long own = api.post("/api/v1/spotchecks/inspectors", Map.of("name", "通城县检查员", "unitCode", "421222-SCJG"), admin)
                .json().get("id").asLong();
        for (int i = 0; i < 6; i++) {
            var r = api.post("/api/v1/spotchecks/inspectors", Map.of("name", "赤壁检查员" + i, "unitCode", "421281-SCJG",
                    "certificateNo", "ZF-" + i), admin);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String recent = EnterpriseFixtures.create(api, "421222", "通城县近期抽过纺织公司" + suffix);
        EnterpriseFixtures.create(api, "421222", "通城县待抽纺织公司" + suffix);
        SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(recent, "SUPERVISION", "IND-TEXTILE",
                "RD-" + suffix, api.today().minusMonths(2).toString()));

        // without an override the enterprise sampled two months ago is left out, with the sample that excludes it
        var first = api.post("/api/v1/spotchecks/random-draws", draw("seed-" + suffix, 500, List.of()), admin);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode d = first.json();
        assertThat(codes(d.get("candidates"))).doesNotContain(recent);
        assertThat(codes(d.get("picks"))).doesNotContain(recent);
        assertThat(codes(d.get("excluded"))).contains(recent);
        assertThat(d.get("seed").asText()).isEqualTo("seed-" + suffix);

        // reproduced exactly: by the documented algorithm, here recomputed by hand, and by the server's verification
        String seed = d.get("seed").asText();
        List<String> candidates = codes(d.get("candidates"));
        assertThat(candidates).isSorted();
        int n = Math.min(3, candidates.size());
        var small = api.post("/api/v1/spotchecks/random-draws", draw(seed, n, List.of()), admin).json();
        List<String> expected = candidates.stream()
                .sorted(Comparator.comparing((String c) -> { try { return sha256(seed + "|" + c); } catch (Exception e) { throw new IllegalStateException(e); } })
                        .thenComparing(c -> c))
                .limit(n).toList();
        assertThat(codes(small.get("picks"))).containsExactlyElementsOf(expected);
        var again = api.post("/api/v1/spotchecks/random-draws", draw(seed, n, List.of()), admin).json();
        assertThat(codes(again.get("picks"))).containsExactlyElementsOf(expected);
        var verification = api.get("/api/v1/spotchecks/random-draws/" + small.get("id").asLong() + "/verification", admin);
        assertThat(verification.json().get("reproduced").asBoolean()).isTrue();
        // two inspectors each, never 通城县's own, and not those who inspected the enterprise last time
        for (int i = 0; i < n; i++) {
            JsonNode inspectors = again.get("picks").get(i).get("inspectors");
            assertThat(inspectors).hasSize(2);
            assertThat(inspectors.findValuesAsString("name")).doesNotContain("通城县检查员");
            assertThat(inspectors.findValues("id").stream().map(JsonNode::asLong).toList())
                    .doesNotContainAnyElementsOf(small.get("picks").get(i).get("inspectors").findValues("id").stream()
                            .map(JsonNode::asLong).toList())
                    .doesNotContain(own);
        }

        // an override needs a reason (every bad field named at once) ...
        var noReason = api.post("/api/v1/spotchecks/random-draws", Map.of("categoryCode", "IND-TEXTILE",
                "overrides", List.of(Map.of("creditCode", recent, "reason", " "))), admin);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").findValuesAsString("field"))
                .contains("title", "sampleSize", "overrides[0].reason");
        // ... and keeps the enterprise in, audited with its reason
        var kept = api.post("/api/v1/spotchecks/random-draws", draw("seed2-" + suffix, 500,
                List.of(Map.of("creditCode", recent, "reason", "投诉集中，需再次抽查"))), admin);
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        assertThat(codes(kept.json().get("candidates"))).contains(recent);
        assertThat(codes(kept.json().get("picks"))).contains(recent);
        assertThat(kept.json().get("overrides").get(0).get("reason").asText()).isEqualTo("投诉集中，需再次抽查");
        var trail = api.get("/api/v1/audit?module=spotcheck&entityType=draw&entityId=" + kept.json().get("id").asLong()
                + "&size=10&sort=id&dir=asc", api.token("auditadmin")).json().get("items");
        assertThat(trail.findValuesAsString("action")).containsExactly("CREATE", "OVERRIDE_RECENT_SAMPLE");
        assertThat(trail.get(1).toString()).contains("投诉集中").contains(recent);

        // an override of an enterprise that was not left out is refused
        var needless = api.post("/api/v1/spotchecks/random-draws", draw("x", 1,
                List.of(Map.of("creditCode", candidates.get(0), "reason", "无需"))), admin);
        assertThat(needless.status()).isEqualTo(400);
        assertThat(needless.json().get("errors").findValuesAsString("field")).containsExactly("overrides[0].creditCode");

        // the draw and its lists are in the list of draws
        assertThat(api.get("/api/v1/spotchecks/random-draws?q=" + kept.json().get("drawNo").asText(), admin).json()
                .get("total").asLong()).isEqualTo(1);
    }
}
