package org.qualitycity.complaint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.complaint.ComplaintFixtures.act;
import static org.qualitycity.complaint.ComplaintFixtures.complaint;
import static org.qualitycity.complaint.ComplaintFixtures.freshPhone;
import static org.qualitycity.complaint.ComplaintFixtures.idOf;
import static org.qualitycity.complaint.ComplaintFixtures.submit;

/** Acceptance 1–4: the legal clock in working days, mediation pause, coded refusal, mixed and repeat submissions. */
@QcIntegrationTest
class ComplaintWorkflowTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    ComplaintService service;

    TestApi api() {
        return new TestApi(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** 10:00 Beijing time on the day. */
    void at(String day) {
        clock.set(Instant.parse(day + "T02:00:00Z"));
    }

    @Test
    void acceptanceDueSevenWorkingDaysAcrossNationalDayAndOverdueOnTheNextWorkingDay() {
        TestApi api = api();
        String admin = api.token("admin");
        at("2025-09-30");
        var r = submit(api, complaint("421222", "通城县时限测试电器行", freshPhone()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("acceptDue").asText()).isEqualTo("2025-10-16");
        long id = idOf(api, r.json().get("trackingCode").asText());

        at("2025-10-15");
        var c = api.get("/api/v1/complaints/" + id, admin).json();
        assertThat(c.get("deadline").get("due").asText()).isEqualTo("2025-10-16");
        assertThat(c.get("deadline").get("state").asText()).isEqualTo("AMBER");
        at("2025-10-16");
        assertThat(api.get("/api/v1/complaints/" + id, admin).json().get("deadline").get("state").asText())
                .as("the last day is still in time").isEqualTo("AMBER");
        at("2025-10-17");
        assertThat(api.get("/api/v1/complaints/" + id, admin).json().get("deadline").get("state").asText())
                .isEqualTo("RED");

        String code0 = r.json().get("trackingCode").asText();
        assertThat(api.get("/api/v1/complaints?deadline=RED&q=" + code0, admin).json().get("total").asLong())
                .as("the supervisor's list of overdue cases").isEqualTo(1);
        assertThat(api.get("/api/v1/complaints?deadline=GREEN&q=" + code0, admin).json().get("total").asLong()).isZero();
        // the overdue case reaches the inbox of the unit that holds it (the city 12315 centre: scjg)
        assertThat(service.sweepDeadlines()).isGreaterThanOrEqualTo(1);
        String code = r.json().get("trackingCode").asText();
        assertThat(api.get("/api/v1/notifications?size=200", api.token("scjg")).body()).contains(code).contains("已超期");
        int again = service.sweepDeadlines();
        assertThat(api.get("/api/v1/notifications?size=200", api.token("scjg")).body().split(code, -1).length - 1)
                .as("posted once per state, not on every sweep (%d posted again)", again).isEqualTo(1);
    }

    @Test
    void tenDaysOfTestingExtendTheSixtyDayMediationDeadlineByTenDays() {
        TestApi api = api();
        String admin = api.token("admin");
        at("2025-03-03");
        var r = submit(api, complaint("421281", "赤壁市暂停测试家电城", freshPhone()));
        long id = idOf(api, r.json().get("trackingCode").asText());
        at("2025-03-04");
        var accepted = act(api, id, Map.of("action", "ACCEPT"), admin);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("handleDue").asText()).isEqualTo("2025-05-03");
        at("2025-03-10");
        assertThat(act(api, id, Map.of("action", "PAUSE"), admin).status()).isEqualTo(200);
        var paused = api.get("/api/v1/complaints/" + id, admin).json();
        assertThat(paused.get("deadline").get("paused").asBoolean()).isTrue();
        at("2025-03-20");
        var resumed = act(api, id, Map.of("action", "RESUME"), admin);
        assertThat(resumed.json().get("handleDue").asText()).isEqualTo(LocalDate.of(2025, 5, 13).toString());
        assertThat(resumed.json().get("pausedDays").asInt()).isEqualTo(10);
        assertThat(act(api, id, Map.of("action", "RESUME"), admin).status()).as("not paused").isEqualTo(409);
    }

    @Test
    void refusalNeedsACodedGroundAndHarmKnownMoreThanThreeYearsEarlierCanOnlyBeRefused() {
        TestApi api = api();
        String admin = api.token("admin");
        at("2025-06-10");
        var old = complaint("421202", "咸安区时效测试商行", freshPhone());
        old.put("harmKnownOn", "2022-06-09");
        long id = idOf(api, submit(api, old).json().get("trackingCode").asText());
        var accept = act(api, id, Map.of("action", "ACCEPT"), admin);
        assertThat(accept.status()).isEqualTo(400);
        assertThat(accept.body()).contains("超过时效");
        var noGround = act(api, id, Map.of("action", "REFUSE", "text", "可向人民法院起诉"), admin);
        assertThat(noGround.status()).isEqualTo(400);
        assertThat(noGround.body()).contains("ground");
        var badGround = act(api, id, Map.of("action", "REFUSE", "ground", "DONT_LIKE_IT", "text", "x"), admin);
        assertThat(badGround.status()).isEqualTo(400);
        var refused = act(api, id, Map.of("action", "REFUSE", "ground", "TIME_BARRED", "text", "可向人民法院起诉"), admin);
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.json().get("refusalGround").asText()).isEqualTo("TIME_BARRED");

        // exactly three years: still in time, may be accepted
        var inTime = complaint("421202", "咸安区时效测试商行", freshPhone());
        inTime.put("harmKnownOn", "2022-06-10");
        long id2 = idOf(api, submit(api, inTime).json().get("trackingCode").asText());
        assertThat(act(api, id2, Map.of("action", "ACCEPT"), admin).status()).isEqualTo(200);
    }

    @Test
    void mixedSubmissionBecomesTwoLinkedCasesAndARepeatReportIsLinkedAndCountedOnce() {
        TestApi api = api();
        String admin = api.token("admin");
        at("2025-07-07");
        String phone = freshPhone();
        var both = complaint("421223", "崇阳县混合测试超市", phone);
        both.put("type", "BOTH");
        var r = submit(api, both);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String c = r.json().get("trackingCode").asText();
        String rep = r.json().get("linkedTrackingCode").asText();
        assertThat(rep).isNotBlank().isNotEqualTo(c);
        long cid = idOf(api, c);
        long rid = idOf(api, rep);
        var cv = api.get("/api/v1/complaints/" + cid, admin).json();
        var rv = api.get("/api/v1/complaints/" + rid, admin).json();
        assertThat(cv.get("type").asText()).isEqualTo("COMPLAINT");
        assertThat(rv.get("type").asText()).isEqualTo("REPORT");
        assertThat(cv.get("linkedCaseId").asLong()).isEqualTo(rid);
        assertThat(rv.get("linkedCaseId").asLong()).isEqualTo(cid);

        // a repeat report of the same facts by the same reporter: linked, not a new case to handle
        String respondent = "崇阳县重复举报测试药房";
        var report = complaint("421223", respondent, phone);
        report.put("type", "REPORT");
        report.put("facts", "该药房销售过期药品，货架上有多盒过期感冒药。");
        java.util.function.LongSupplier total = () -> api.get("/api/v1/complaints/stats?from=2025-07&to=2025-07", admin)
                .json().get("total").asLong();
        long before = total.getAsLong();
        var first = submit(api, report);
        assertThat(total.getAsLong()).isEqualTo(before + 1);
        var repeat = submit(api, report);
        assertThat(total.getAsLong()).as("the repeat is not counted again").isEqualTo(before + 1);
        assertThat(first.json().get("repeat").asBoolean()).isFalse();
        assertThat(repeat.json().get("repeat").asBoolean()).isTrue();
        long repeatId = idOf(api, repeat.json().get("trackingCode").asText());
        long firstId = idOf(api, first.json().get("trackingCode").asText());
        var rv2 = api.get("/api/v1/complaints/" + repeatId, admin).json();
        assertThat(rv2.get("status").asText()).isEqualTo("REPEAT");
        assertThat(rv2.get("repeatOfId").asLong()).isEqualTo(firstId);

        // new facts merge into the open report and restart its clock
        at("2025-07-14");
        report.put("facts", "另外发现该药房无执业药师在岗。");
        var merged = submit(api, report);
        assertThat(merged.json().get("repeat").asBoolean()).isTrue();
        var original = api.get("/api/v1/complaints/" + firstId, admin).json();
        assertThat(original.get("facts").asText()).contains("过期感冒药").contains("无执业药师");
        assertThat(original.get("acceptDue").asText()).isEqualTo("2025-08-04");
    }
}
