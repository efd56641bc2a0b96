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

    /**
     * 双随机一公开 in public: an anonymous visitor sees a published draw with its filter, seed, picks, inspectors and,
     * once recorded, the inspection result, and never a draw kept unpublished until it is published (audited, once).
     */
    @Test
    void aPublishedDrawIsPublicWithItsSeedAndResultsAndAnUnpublishedOneIsNot() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        EnterpriseFixtures.create(api, "421222", "通城县公示纺织公司" + suffix);
        Map<String, Object> open = draw("pub-" + suffix, 2, List.of());
        open.put("title", "公示抽查" + suffix);
        var published = api.post("/api/v1/spotchecks/random-draws", open, admin);
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        long publishedId = published.json().get("id").asLong();
        String picked = published.json().get("picks").get(0).get("creditCode").asText();
        String pickedName = published.json().get("picks").get(0).get("name").asText();
        String inspector = published.json().get("picks").get(0).get("inspectors").get(0).get("name").asText();
        // the inspection of the first drawn enterprise, recorded after the draw: its result is published with it
        long sample = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(picked, "SUPERVISION", "IND-TEXTILE",
                "PUB-" + suffix, api.today().toString()));
        SpotcheckFixtures.record(api, admin, sample, false);

        Map<String, Object> hidden = draw("hid-" + suffix, 1, List.of());
        hidden.put("title", "内部抽查" + suffix);
        hidden.put("publish", false);
        hidden.put("inspectorDisclosure", "IDS");
        var internal = api.post("/api/v1/spotchecks/random-draws", hidden, admin);
        assertThat(internal.status()).as(internal.body()).isEqualTo(201);
        long hiddenId = internal.json().get("id").asLong();
        assertThat(internal.json().get("publishedAt").isNull()).isTrue();

        // anonymous: the published draw with its seed, filter, picks, inspectors' names and the result
        var list = api.get("/api/v1/public/random-draws?q=" + suffix + "&size=50", null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("items").findValuesAsString("title")).containsExactly("公示抽查" + suffix);
        JsonNode pub = list.json().get("items").get(0);
        assertThat(pub.get("seed").asText()).isEqualTo("pub-" + suffix);
        assertThat(pub.get("unitFilter").asText()).isEqualTo("通城县");
        assertThat(pub.get("picks").get(0).get("enterpriseName").asText()).isEqualTo(pickedName);
        assertThat(pub.get("picks").get(0).get("inspectors").get(0).get("name").asText()).isEqualTo(inspector);
        assertThat(pub.get("picks").get(0).get("result").asText()).isEqualTo("FAIL");
        assertThat(pub.get("picks").get(1).get("result").isNull()).isTrue();
        var one = api.get("/api/v1/public/random-draws/" + publishedId, null).json();
        assertThat(one.get("candidateCodes").toString()).contains(picked);
        assertThat(api.get("/api/v1/public/random-draws/" + hiddenId, null).status()).isEqualTo(404);
        var page = new org.qualitycity.support.WebSession(port).get("/public/random-draws?q=" + suffix);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("公示抽查" + suffix).contains("pub-" + suffix).contains(pickedName)
                .contains("不合格").doesNotContain("内部抽查" + suffix);
        assertThat(new org.qualitycity.support.WebSession(port).get("/public/random-draws/" + publishedId + "?lang=en")
                .body()).contains("pub-" + suffix).contains("Failed").contains(picked);

        // published later, once and audited; then public, its inspectors by number only as its plan says
        var pubAction = api.post("/api/v1/spotchecks/random-draws/" + hiddenId + "/publication", Map.of(), admin);
        assertThat(pubAction.status()).as(pubAction.body()).isEqualTo(200);
        assertThat(api.post("/api/v1/spotchecks/random-draws/" + hiddenId + "/publication", Map.of(), admin).status())
                .isEqualTo(409);
        JsonNode now = api.get("/api/v1/public/random-draws/" + hiddenId, null).json();
        assertThat(now.get("title").asText()).isEqualTo("内部抽查" + suffix);
        assertThat(now.get("picks").get(0).get("inspectors").get(0).get("name").isNull()).isTrue();
        assertThat(now.get("picks").get(0).get("inspectors").get(0).get("id").asLong()).isPositive();
        var trail = api.get("/api/v1/audit?module=spotcheck&entityType=draw&entityId=" + hiddenId
                + "&size=10&sort=id&dir=asc", api.token("auditadmin")).json().get("items");
        assertThat(trail.findValuesAsString("action")).containsExactly("CREATE", "PUBLISH");
    }

    /** The draw's filter by credit grade (分类监管): candidates of other grades are left out. */
    @Test
    void aGradeFilterLeavesOutEnterprisesOfOtherGrades() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String gradeA = EnterpriseFixtures.create(api, "421222", "通城县守信纺织公司" + suffix);
        String gradeB = EnterpriseFixtures.create(api, "421222", "通城县处罚纺织公司" + suffix);
        var penalty = api.post("/api/v1/credit/enterprises/" + gradeB + "/events", Map.of("kind", "PENALTY",
                "occurredOn", api.today().minusDays(3).toString(), "description", "行政处罚" + suffix), admin);
        assertThat(penalty.status()).as(penalty.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/credit/enterprises/" + gradeB, admin).json().get("grade").get("grade").asText())
                .isEqualTo("B");

        Map<String, Object> b = draw("grade-" + suffix, 500, List.of());
        b.put("creditGrade", "B");
        var onlyB = api.post("/api/v1/spotchecks/random-draws", b, admin);
        assertThat(onlyB.status()).as(onlyB.body()).isEqualTo(201);
        assertThat(codes(onlyB.json().get("candidates"))).contains(gradeB).doesNotContain(gradeA);
        assertThat(onlyB.json().get("creditGrade").asText()).isEqualTo("B");
        Map<String, Object> a = draw("grade-" + suffix, 500, List.of());
        a.put("creditGrade", "A");
        var onlyA = api.post("/api/v1/spotchecks/random-draws", a, admin);
        assertThat(codes(onlyA.json().get("candidates"))).contains(gradeA).doesNotContain(gradeB);
        // an unknown grade is a 400 naming the field
        Map<String, Object> bad = draw("grade-" + suffix, 1, List.of());
        bad.put("creditGrade", "E");
        var refused = api.post("/api/v1/spotchecks/random-draws", bad, admin);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("creditGrade");
    }

    /** Demo draws' titles follow the reader's language (generated from the bundles when read). */
    @Test
    void demoDrawTitlesAreInTheReadersLanguage() {
        var page = org.qualitycity.support.WebSession.loggedIn(port, "admin");
        String en = page.get("/spotchecks/random-draws?lang=en&year=2019").body();
        assertThat(en).contains("Double random, one public inspection 2019 (demo)").doesNotContain("年度双随机一公开抽查");
        String zh = page.get("/spotchecks/random-draws?lang=zh&year=2019").body();
        assertThat(zh).contains("2019年度双随机一公开抽查（演示）");
    }
}
