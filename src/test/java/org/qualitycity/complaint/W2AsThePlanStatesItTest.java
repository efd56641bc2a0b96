package org.qualitycity.complaint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.indicator.ComputedElementProvider;
import org.qualitycity.indicator.Period;
import org.qualitycity.platform.Units;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qualitycity.complaint.ComplaintFixtures.act;
import static org.qualitycity.complaint.ComplaintFixtures.complaint;
import static org.qualitycity.complaint.ComplaintFixtures.freshPhone;
import static org.qualitycity.complaint.ComplaintFixtures.idOf;
import static org.qualitycity.complaint.ComplaintFixtures.submit;

/**
 * Issue 10 item 9: W2a/W2b/W2c count what the plan promises (100%受理、100%办理、100%反馈: done at all,
 * whatever the time); the on-time rates W2a_ONTIME/W2b_ONTIME/W2c_ONTIME stand beside them; each
 * indicator's definition is on its page. 2031 in 通城县 holds only this test's cases.
 */
@QcIntegrationTest
class W2AsThePlanStatesItTest {

    private static final String DISTRICT = "421222";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    List<ComputedElementProvider> providers;
    @Autowired
    Units units;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** 10:00 Beijing time on the day. */
    void at(LocalDate day) {
        clock.set(Instant.parse(day + "T02:00:00Z"));
    }

    @Test
    void aCaseDoneLateCountsTowardW2ButNotTowardTheOnTimeRates() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        LocalDate received = LocalDate.of(2031, 3, 3);
        // legal deadlines are never guessed: the year needs its working-day calendar (only New Year's Day off here)
        var calendar = api.put("/api/v1/calendar/2031?source=test", List.of(Map.of("date", "2031-01-01",
                "kind", "HOLIDAY", "nameZh", "元旦", "nameEn", "New Year's Day")), admin);
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);

        // the clock moves by months below: every step signs in afresh, since a token is valid for hours only
        // one case done late at every step …
        at(received);
        var late = submit(api, complaint(DISTRICT, "通城县迟办测试电器行", freshPhone()));
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        long lateId = idOf(api, late.json().get("trackingCode").asText());
        LocalDate acceptDue = LocalDate.parse(late.json().get("acceptDue").asText());
        // … and one in time at every step
        var timely = submit(api, complaint(DISTRICT, "通城县按期测试电器行", freshPhone()));
        long timelyId = idOf(api, timely.json().get("trackingCode").asText());

        at(received.plusDays(1));
        var accepted = act(api, timelyId, Map.of("action", "ACCEPT"), api.freshToken("admin"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        LocalDate timelyHandleDue = LocalDate.parse(accepted.json().get("handleDue").asText());
        at(received.plusDays(10));
        assertThat(act(api, timelyId, Map.of("action", "HANDLE", "outcome", "AGREEMENT"), api.freshToken("admin")).status()).isEqualTo(200);
        at(received.plusDays(11));
        assertThat(act(api, timelyId, Map.of("action", "REPLY", "reply", "已调解，商家同意退货。"), api.freshToken("admin")).status()).isEqualTo(200);

        at(acceptDue.plusDays(2));
        accepted = act(api, lateId, Map.of("action", "ACCEPT"), api.freshToken("admin"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        LocalDate lateHandleDue = LocalDate.parse(accepted.json().get("handleDue").asText());
        at(lateHandleDue.plusDays(3));
        var handled = act(api, lateId, Map.of("action", "HANDLE", "outcome", "AGREEMENT"), api.freshToken("admin"));
        assertThat(handled.status()).as(handled.body()).isEqualTo(200);
        LocalDate replyDue = LocalDate.parse(handled.json().get("replyDue").asText());
        at(replyDue.plusDays(2));
        assertThat(act(api, lateId, Map.of("action", "REPLY", "reply", "已调解，商家同意退货。"), api.freshToken("admin")).status()).isEqualTo(200);

        at(LocalDate.of(2031, 12, 20));
        Period march = Period.month(2031, 3);
        assertThat(value("CMP_RECEIVED", march)).isEqualTo(2);
        assertThat(value("CMP_ACCEPTED", march)).as("100%受理: a late acceptance is an acceptance").isEqualTo(2);
        assertThat(value("CMP_ACCEPTED_ON_TIME", march)).as("but not one in time").isEqualTo(1);

        Period lateMonth = Period.month(2031, lateHandleDue.getMonthValue());
        Period timelyMonth = Period.month(2031, timelyHandleDue.getMonthValue());
        assertThat(sum("CMP_DUE", lateMonth, timelyMonth)).isEqualTo(2);
        assertThat(sum("CMP_HANDLED", lateMonth, timelyMonth)).as("100%办理: handled late is handled").isEqualTo(2);
        assertThat(sum("CMP_HANDLED_ON_TIME", lateMonth, timelyMonth)).isEqualTo(1);
        assertThat(sum("CMP_REPLIED", lateMonth, timelyMonth)).as("100%反馈: replied late is replied").isEqualTo(2);
        assertThat(sum("CMP_REPLIED_ON_TIME", lateMonth, timelyMonth)).isEqualTo(1);
        assertThat(value("CMP_HANDLED_ON_TIME", lateMonth)).as("the late case's month").isEqualTo(
                lateMonth.equals(timelyMonth) ? 1 : 0);

        // the drill-down lists the cases behind the gap of each indicator
        String code = late.json().get("trackingCode").asText();
        assertThat(cases(api, api.freshToken("admin"), march, "ACCEPT")).isZero();
        assertThat(cases(api, api.freshToken("admin"), march, "ACCEPT_LATE")).isEqualTo(1);
        assertThat(listed(api, api.freshToken("admin"), march, "ACCEPT_LATE")).contains(code);
        assertThat(cases(api, api.freshToken("admin"), lateMonth, "HANDLE")).isZero();
        assertThat(cases(api, api.freshToken("admin"), lateMonth, "HANDLE_LATE")).isEqualTo(1);
        assertThat(cases(api, api.freshToken("admin"), lateMonth, "REPLY")).isZero();
        assertThat(cases(api, api.freshToken("admin"), lateMonth, "REPLY_LATE")).isEqualTo(1);
    }

    @Test
    void everyW2IndicatorHasItsDefinitionInTheApiAndOnItsPage() {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        var plan = api.get("/api/v1/plans/current", admin);
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        JsonNode w2a = null;
        int w2 = 0;
        for (JsonNode i : plan.json().get("indicators")) {
            String c = i.get("code").asText();
            if (c.startsWith("W2")) {
                w2++;
                assertThat(i.get("definitionZh").asText()).as(c).isNotBlank();
                assertThat(i.get("definitionEn").asText()).as(c).isNotBlank();
            }
            if (c.equals("W2a_ONTIME")) {
                w2a = i;
            }
        }
        assertThat(w2).as("W2a/b/c and the three on-time rates").isEqualTo(6);
        assertThat(w2a).isNotNull();
        assertThat(w2a.hasNonNull("group")).as("the on-time rates stand beside the group W2, not in it").isFalse();
        assertThat(w2a.get("elements").get("numerator").get("code").asText()).isEqualTo("CMP_ACCEPTED_ON_TIME");

        var drill = api.get("/api/v1/indicators/W2a/units/" + DISTRICT + "/periods/2019", admin);
        assertThat(drill.status()).as(drill.body()).isEqualTo(200);
        assertThat(drill.json().get("indicator").get("definitionZh").asText()).contains("不论是否在期限内");

        WebSession web = WebSession.loggedIn(port, "admin");
        var zh = web.get("/indicators/value/W2a_ONTIME/" + DISTRICT + "/2019");
        assertThat(zh.status()).isEqualTo(200);
        assertThat(zh.body()).contains("id=\"indicator-definition\"").contains("指标定义").contains("7个工作日内作出受理决定");
        var en = web.get("/indicators/value/W2a_ONTIME/" + DISTRICT + "/2019?lang=en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).contains("id=\"indicator-definition\"").contains("Definition:")
                .contains("accepted late counts toward W2a but not here");
    }

    private ComputedElementProvider provider() {
        return providers.stream().filter(p -> p.elements().contains("CMP_RECEIVED")).findFirst().orElseThrow();
    }

    private long value(String element, Period period) {
        long unit = units.byCode(DISTRICT).orElseThrow().id();
        return provider().values(element, period.year()).stream()
                .filter(v -> v.unitId() == unit && v.period().equals(period))
                .map(ComputedElementProvider.ElementValue::value).findFirst().orElse(BigDecimal.ZERO).longValue();
    }

    private long sum(String element, Period a, Period b) {
        return a.equals(b) ? value(element, a) : value(element, a) + value(element, b);
    }

    private static long cases(TestApi api, String token, Period p, String missed) {
        var r = api.get("/api/v1/complaints?district=" + DISTRICT + "&period=" + p.id() + "&missed=" + missed, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("total").asLong();
    }

    private static String listed(TestApi api, String token, Period p, String missed) {
        return api.get("/api/v1/complaints?district=" + DISTRICT + "&period=" + p.id() + "&missed=" + missed, token).body();
    }
}
