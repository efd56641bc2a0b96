package org.qualitycity.spotcheck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.Await;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 2 (pass-rate arithmetic to the dashboard and drill-down), 3 (overdue flags), 4 (objection period). */
@QcIntegrationTest
class SpotcheckApiTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void today(LocalDate d) {
        clock.set(d.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @Test
    void fortyBatchesOneRefusalThreeFailuresOnePassedRetestGive9487PercentNotMetWithTheTwoFailuresBehindIt()
            throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String unit = "SC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post("/api/v1/units", Map.of("code", unit, "nameZh", "抽查测试区", "nameEn", "Spot-check test area",
                "kind", "DISTRICT", "parentCode", "421200"), admin).status()).isEqualTo(201);
        String ent = EnterpriseFixtures.create(api, unit, "合格率测试食品有限公司");
        today(LocalDate.of(2016, 6, 28));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var s = SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-OIL", "B2016-" + i,
                    LocalDate.of(2016, 4 + i % 3, 1 + i % 25).toString());
            if (i == 0) {
                s.put("refused", true);
                s.put("refusalReason", "企业拒绝抽样");
            }
            ids.add(SpotcheckFixtures.create(api, admin, s));
        }
        for (int i = 1; i < 40; i++) {
            SpotcheckFixtures.record(api, admin, ids.get(i), i > 3); // samples 1, 2, 3 fail the first test
        }
        // sample 3 objects and passes the re-test on its backup sample: the re-test is final
        assertThat(api.post("/api/v1/spotchecks/samples/" + ids.get(3) + "/objection", Map.of("reason", "对酸价结果有异议"),
                admin).status()).isEqualTo(200);
        var sameLab = api.post("/api/v1/spotchecks/samples/" + ids.get(3) + "/retest",
                SpotcheckFixtures.result("咸宁市产品质量监督检验所", true), admin);
        assertThat(sameLab.status()).isEqualTo(400);
        assertThat(sameLab.body()).contains("lab");
        var retest = api.post("/api/v1/spotchecks/samples/" + ids.get(3) + "/retest",
                SpotcheckFixtures.result("湖北省食品质量安全监督检验研究院", true), admin);
        assertThat(retest.status()).as(retest.body()).isEqualTo(200);
        assertThat(retest.json().get("sample").get("finalVerdict").asText()).isEqualTo("PASS");
        assertThat(retest.json().get("followUp").get("cancelled").asBoolean()).isTrue();
        clock.reset();

        // recomputes run after each recorded result; wait for the one that saw them all
        JsonNode row = Await.until("P2 of the test area in 2016Q2 = 37/39 after ComputedDataChanged", () -> {
            for (JsonNode r : api.get("/api/v1/analytics?dx=P2&pe=2016Q2&ou=" + unit, admin).json().get("items")) {
                if (r.get("period").asText().equals("2016Q2") && r.get("unit").asText().equals(unit)
                        && !r.get("value").isNull()
                        && Math.abs(r.get("value").decimalValue().doubleValue() - 37 * 100.0 / 39) < 0.06) {
                    return r;
                }
            }
            return null;
        }, r -> r != null);
        assertThat(row.get("value").decimalValue().doubleValue()).isCloseTo(37 * 100.0 / 39, org.assertj.core.data.Offset.offset(0.06));
        assertThat(row.get("status").asText()).isEqualTo("NOT_MET");

        JsonNode drill = api.get("/api/v1/indicators/P2/units/" + unit + "/periods/2016Q2", admin).json();
        String href = null;
        for (JsonNode l : drill.get("recordLinks")) {
            if (l.get("element").asText().equals("P2_TESTED")) {
                href = l.get("href").asText();
            }
        }
        assertThat(href).isNotNull().startsWith("/spotchecks/samples?");
        // the same filter through the API: exactly the two batches whose final verdict is FAIL
        JsonNode failing = api.get("/api/v1" + href.replace("/spotchecks/", "/spotchecks/"), admin).json();
        assertThat(failing.get("total").asLong()).isEqualTo(2);
        List<String> batches = new ArrayList<>();
        failing.get("items").forEach(s -> batches.add(s.get("batchNo").asText()));
        assertThat(batches).containsExactlyInAnyOrder("B2016-1", "B2016-2");
        JsonNode tested = api.get("/api/v1/spotchecks/samples?indicator=P2&unit=" + unit + "&period=2016Q2", admin).json();
        assertThat(tested.get("total").asLong()).isEqualTo(39);
        // the page behind the link lists the two failing batches and no other
        WebSession page = WebSession.loggedIn(port, "admin");
        String body = page.get(href).body();
        assertThat(body).contains("B2016-1<").contains("B2016-2<").doesNotContain("B2016-3<").doesNotContain("B2016-10<");
    }

    @Test
    void anObjectionOnDay16IsRefusedOnDay15Accepted() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String ent = EnterpriseFixtures.create(api, "421224", "异议测试企业");
        String user = EnterpriseFixtures.enterpriseUser(api, ent, "421224");
        String entToken = api.token(user);
        LocalDate notice = LocalDate.of(2019, 3, 11);
        today(notice);
        long a = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-CAKE", "OBJ-A", "2019-03-01"));
        long b = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-CAKE", "OBJ-B", "2019-03-01"));
        SpotcheckFixtures.record(api, admin, a, false);
        SpotcheckFixtures.record(api, admin, b, false);

        today(notice.plusDays(16));
        var late = api.post("/api/v1/spotchecks/samples/" + a + "/objection", Map.of("reason", "不服"), entToken);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("errors").get(0).get("field").asText()).isEqualTo("objection");
        assertThat(late.body()).contains("异议期限已过").contains("2019-03-26").contains("第 16 日");

        today(notice.plusDays(15));
        var inTime = api.post("/api/v1/spotchecks/samples/" + b + "/objection", Map.of("reason", "对酸价检验方法有异议"),
                entToken);
        assertThat(inTime.status()).as(inTime.body()).isEqualTo(200);
        assertThat(inTime.json().get("objectionOn").asText()).isEqualTo("2019-03-26");
        assertThat(api.post("/api/v1/spotchecks/samples/" + b + "/objection", Map.of("reason", "again"), entToken)
                .status()).isEqualTo(409);
    }

    @Test
    void theFollowUpOfAFailedBatchIsFlaggedOverdueAfter60And75Days() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String ent = EnterpriseFixtures.create(api, "421221", "整改逾期测试企业");
        LocalDate notice = LocalDate.of(2020, 5, 6);
        today(notice);
        long id = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "ROUTINE", "IND-ELEC", "OVD-1", "2020-04-28"));
        JsonNode f = SpotcheckFixtures.record(api, admin, id, false).json().get("followUp");
        assertThat(f.get("startedOn").asText()).isEqualTo("2020-05-06");
        assertThat(f.get("rectificationDue").asText()).isEqualTo("2020-07-05");
        assertThat(f.get("reinspectionDue").asText()).isEqualTo("2020-07-20");

        today(notice.plusDays(60));
        f = follow(api, admin, id);
        assertThat(f.get("rectificationOverdue").asBoolean()).isFalse();
        today(notice.plusDays(61));
        f = follow(api, admin, id);
        assertThat(f.get("rectificationOverdue").asBoolean()).isTrue();
        assertThat(f.get("reinspectionOverdue").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/spotchecks/follow-ups?overdue=true&size=200", admin).body()).contains("OVD-1");
        today(notice.plusDays(75));
        assertThat(follow(api, admin, id).get("reinspectionOverdue").asBoolean()).isFalse();
        today(notice.plusDays(76));
        f = follow(api, admin, id);
        assertThat(f.get("reinspectionOverdue").asBoolean()).isTrue();
        assertThat(f.get("rectificationOverdue").asBoolean()).isTrue();

        // a late report stays flagged; a failed re-inspection is flagged for announcement
        var report = api.post("/api/v1/spotchecks/samples/" + id + "/rectification", Map.of("report", "已整改"), admin);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("rectificationOverdue").asBoolean()).isTrue();
        var re = api.post("/api/v1/spotchecks/samples/" + id + "/reinspection", Map.of("verdict", "FAIL"), admin);
        assertThat(re.json().get("flaggedForAnnouncement").asBoolean()).isTrue();
    }

    private static JsonNode follow(TestApi api, String token, long id) {
        return api.get("/api/v1/spotchecks/samples/" + id, token).json().get("followUp");
    }

    @Test
    void samplingNeedsTwoSamplersAndARefusalAReasonAndTheBatchFailsWhenOneItemFails() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String ent = EnterpriseFixtures.create(api, "421202", "抽样校验测试企业");
        var s = SpotcheckFixtures.sample(ent, "SUPERVISION", "AGR-VEG", "V-1", LocalDate.now(clock).minusDays(3).toString());
        s.put("samplers", List.of("只有一人"));
        var one = api.post("/api/v1/spotchecks/samples", s, admin);
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.body()).contains("samplers");
        s.put("samplers", List.of("甲", "乙"));
        s.put("refused", true);
        var noReason = api.post("/api/v1/spotchecks/samples", s, admin);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("refusalReason");
        s.put("refused", false);
        long id = SpotcheckFixtures.create(api, admin, s);
        var r = SpotcheckFixtures.record(api, admin, id, false).json();
        assertThat(r.get("sample").get("finalVerdict").asText()).isEqualTo("FAIL");
        assertThat(r.get("items").size()).isEqualTo(2);
        assertThat(api.post("/api/v1/spotchecks/samples/" + id + "/result", SpotcheckFixtures.result("x", true), admin)
                .status()).isEqualTo(409);
    }

    @Test
    void samplesBelongToAPlanOfTheirInspectionType() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        var plan = api.post("/api/v1/spotchecks/plans", Map.of("year", 2026, "name", "2026年食用油监督抽查",
                "inspectionType", "SUPERVISION", "lab", "咸宁市产品质量监督检验所"), admin);
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        long planId = plan.json().get("id").asLong();
        String ent = EnterpriseFixtures.create(api, "421202", "计划测试企业");
        var s = SpotcheckFixtures.sample(ent, "ROUTINE", "FOOD-OIL", "PL-1", LocalDate.now(clock).minusDays(1).toString());
        s.put("planId", planId);
        var wrongType = api.post("/api/v1/spotchecks/samples", s, admin);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("planId");
        s.put("inspectionType", "SUPERVISION");
        SpotcheckFixtures.create(api, admin, s);
        JsonNode plans = api.get("/api/v1/spotchecks/plans?year=2026", admin).json();
        boolean found = false;
        for (JsonNode p : plans) {
            if (p.get("id").asLong() == planId) {
                assertThat(p.get("samples").asLong()).isEqualTo(1);
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void aPublishedAnnouncementIsPublicAndImmutable() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String ent = EnterpriseFixtures.create(api, "421202", "公告测试企业");
        long id = SpotcheckFixtures.create(api, admin, SpotcheckFixtures.sample(ent, "SUPERVISION", "FOOD-MEAT", "ANN-1",
                LocalDate.now(clock).minusDays(5).toString()));
        SpotcheckFixtures.record(api, admin, id, false);
        var draft = api.post("/api/v1/spotchecks/announcements", Map.of("title", "公告测试 " + id, "body", "正文",
                "sampleIds", List.of(id)), admin);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        long ann = draft.json().get("id").asLong();
        assertThat(api.get("/api/v1/public/announcements/" + ann, null).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/spotchecks/announcements/" + ann + "/publish", null, admin).status()).isEqualTo(200);
        var pub = api.get("/api/v1/public/announcements", null);
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.body()).contains("公告测试 " + id).contains("ANN-1").contains("酸价").contains("公告测试企业");
        var change = api.put("/api/v1/spotchecks/announcements/" + ann, Map.of("title", "改", "sampleIds", List.of(id)), admin);
        assertThat(change.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/public/announcements/" + ann, null).json().get("title").asText()).isEqualTo("公告测试 " + id);
        assertThat(api.post("/api/v1/spotchecks/announcements", Map.of("title", "t", "sampleIds", List.of(id)),
                api.token("tongcheng")).status()).isEqualTo(403);
    }
}
