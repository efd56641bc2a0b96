package org.qualitycity.calendar;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.assessment.internal.AssessmentService;
import org.qualitycity.calendar.internal.CalendarCoverageService;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.complaint.internal.ComplaintService;
import org.qualitycity.indicator.internal.ReportingRates;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.qualitycity.task.TaskTestSupport;
import org.qualitycity.task.internal.DeadlineChecker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 items 1 and 2: a legal deadline is never guessed (pending while the calendar of its year is missing, the
 * same in the complaint, task and assessment modules), the calendar administrators are warned 60 days ahead, once,
 * on the home page and in the inbox; replacing a year recomputes the open deadlines, audits them and tells the units.
 * Uses years nobody else loads (2010/2011 and 2013/2014) with the clock in the past, so that cached tokens stay valid.
 */
@QcIntegrationTest
class CalendarDeadlinesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    ComplaintService complaints;
    @Autowired
    DeadlineChecker taskDeadlines;
    @Autowired
    AssessmentService assessments;
    @Autowired
    ReportingRates reporting;
    @Autowired
    CalendarCoverageService coverage;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void day(LocalDate d) {
        clock.set(d.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }

    private static Map<String, String> day(String date, String kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("kind", kind);
        m.put("nameZh", "测试假日");
        m.put("nameEn", "Test holiday");
        return m;
    }

    private static void load(TestApi api, int year, List<Map<String, String>> days) {
        TestApi.Response r = api.put("/api/v1/calendar/" + year + "?source=test", days, api.token("admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private static boolean absent(JsonNode n, String field) {
        return n.path(field).isNull() || n.path(field).isMissingNode();
    }

    private static int count(String haystack, String needle) {
        return haystack.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void deadlinesArePendingWithoutACalendarAndMoveWhenTheYearIsLoaded() {
        TestApi api = new TestApi(port);
        // tokens are cached across tests: take them at the real time so that they stay valid
        for (String u : List.of("admin", "scjg", "tongcheng")) {
            api.token(u);
        }
        String admin = api.token("admin");
        WebSession page = WebSession.loggedIn(port, "admin");
        load(api, 2010, List.of(day("2010-10-01", "HOLIDAY")));
        assertThat(jdbc.sql("SELECT count(*) FROM calendar_year WHERE year = 2011")
                .query(Long.class).single()).as("2011 must not be loaded yet").isZero();

        // --- complaint intake: the case is accepted, its deadline pending (never a weekday estimate)
        day(LocalDate.of(2010, 12, 27));
        var receipt = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "日历待定测试电器行",
                ComplaintFixtures.freshPhone()));
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
        assertThat(absent(receipt.json(), "acceptDue")).as("no guessed date: %s", receipt.body()).isTrue();
        String code = receipt.json().get("trackingCode").asText();
        long caseId = ComplaintFixtures.idOf(api, code);
        JsonNode c = api.get("/api/v1/complaints/" + caseId, admin).json();
        assertThat(c.get("deadline").get("state").asText()).isEqualTo("PENDING");
        assertThat(absent(c, "acceptDue")).isTrue();
        assertThat(page.get("/complaints/" + caseId + "?lang=zh-CN").body()).contains("时限待定（待录入日历）");
        assertThat(page.get("/complaints?lang=en&q=" + code).body()).contains("pending (calendar not loaded)");
        complaints.sweepDeadlines();
        assertThat(api.get("/api/v1/notifications?size=200", api.token("scjg")).body()).doesNotContain(code);

        // --- the task module behaves the same: no refusal of the whole check, no guess; a notice's answer is pending
        long ahead = TaskTestSupport.createTask(api, "421222", "日历待定测试任务-未到期", LocalDate.of(2011, 1, 10));
        assertThat(TaskTestSupport.act(api, ahead, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        long late = TaskTestSupport.createTask(api, "421222", "日历待定测试任务-已超期", LocalDate.of(2010, 12, 27));
        assertThat(TaskTestSupport.act(api, late, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        day(LocalDate.of(2010, 12, 29));
        TestApi.Response check = api.post("/api/v1/tasks/check-deadlines", null, admin);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().get("pending").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode notice = null;
        for (JsonNode n : api.get("/api/v1/task-notices", api.token("tongcheng")).json()) {
            if (n.get("taskId").asLong() == late) {
                notice = n;
            }
        }
        assertThat(notice).as("the overdue task got its supervision notice").isNotNull();
        assertThat(absent(notice, "answerDue")).as("answer deadline pending: %s", notice).isTrue();

        // --- the assessment: the objection period is pending, objections stay possible
        assessments.compute(2021);
        assertThat(jdbc.sql("SELECT objection_until FROM assessment_run WHERE year = 2021").query(LocalDate.class)
                .optional()).isEmpty();

        // --- the calendar administrators were warned once about 2011, in the inbox
        String inbox = api.get("/api/v1/notifications?size=200&lang=en", admin).body();
        assertThat(count(inbox, "Holiday arrangement for 2011 not loaded")).isEqualTo(1);

        // --- 2011 is loaded (1-3 January off): every pending deadline is computed, audited and the units are told
        day(LocalDate.of(2010, 12, 30));
        load(api, 2011, List.of(day("2011-01-01", "HOLIDAY"), day("2011-01-02", "HOLIDAY"),
                day("2011-01-03", "HOLIDAY")));
        complaints.recomputeDeadlines(2011);
        taskDeadlines.recomputeAnswerDeadlines(2011);
        assessments.recomputeObjectionPeriods(2011);
        // 7 working days from Mon 27 Dec: 28, 29, 30, 31 Dec, (1-3 Jan off) 4, 5, 6 Jan
        c = api.get("/api/v1/complaints/" + caseId, admin).json();
        assertThat(c.get("acceptDue").asText()).isEqualTo("2011-01-06");
        assertThat(c.get("deadline").get("state").asText()).isEqualTo("GREEN");
        // 5 working days from Wed 29 Dec: 30, 31 Dec, 4, 5, 6 Jan
        for (JsonNode n : api.get("/api/v1/task-notices", api.token("tongcheng")).json()) {
            if (n.get("taskId").asLong() == late) {
                assertThat(n.get("answerDue").asText()).isEqualTo("2011-01-06");
            }
        }
        // the run was on Wed 29 Dec: 30, 31 Dec, (1-3 Jan off) 4, 5, 6 Jan
        assertThat(jdbc.sql("SELECT objection_until FROM assessment_run WHERE year = 2021").query(LocalDate.class)
                .single()).isEqualTo(LocalDate.of(2011, 1, 6));
        String scjgInbox = api.get("/api/v1/notifications?size=200&lang=en", api.token("scjg")).body();
        String moved = "acceptance deadline of case " + code + " moved";
        assertThat(count(scjgInbox, moved)).as("the unit holding the case is told once").isEqualTo(1);
        assertThat(api.get("/api/v1/notifications?size=200&lang=en", api.token("tongcheng")).body())
                .contains("Answer deadline of a supervision notice moved");
        assertThat(api.get("/api/v1/audit?size=50&entityType=case&entityId=" + caseId, api.token("auditor")).body())
                .contains("DEADLINE_RECALCULATED");

        // --- 2011 replaced again (4 January off too): the open deadline moves once more, a second run moves nothing
        load(api, 2011, List.of(day("2011-01-01", "HOLIDAY"), day("2011-01-02", "HOLIDAY"),
                day("2011-01-03", "HOLIDAY"), day("2011-01-04", "HOLIDAY")));
        complaints.recomputeDeadlines(2011);
        assertThat(complaints.recomputeDeadlines(2011)).isZero();
        assertThat(taskDeadlines.recomputeAnswerDeadlines(2011)).isZero();
        c = api.get("/api/v1/complaints/" + caseId, admin).json();
        assertThat(c.get("acceptDue").asText()).isEqualTo("2011-01-07");
        scjgInbox = api.get("/api/v1/notifications?size=200&lang=en", api.token("scjg")).body();
        assertThat(count(scjgInbox, moved)).as("told again, once").isEqualTo(2);

        // --- reporting deadlines of the indicator module: compared with the calendar before the change
        CalendarYear withoutJan4 = new CalendarYear(2011, "test", List.of(
                new CalendarDay(LocalDate.of(2011, 1, 1), DayKind.HOLIDAY, "测试假日", "Test holiday"),
                new CalendarDay(LocalDate.of(2011, 1, 2), DayKind.HOLIDAY, "测试假日", "Test holiday"),
                new CalendarDay(LocalDate.of(2011, 1, 3), DayKind.HOLIDAY, "测试假日", "Test holiday")));
        assertThat(reporting.deadlinesMoved(2011, withoutJan4)).as("December 2010's deadline moved by 4 January")
                .isPositive();
        assertThat(reporting.deadlinesMoved(2011, null)).as("from not loaded to loaded").isPositive();
    }

    @Test
    void theAdministratorIsWarnedSixtyDaysAheadOnceAcrossNodes() throws Exception {
        TestApi api = new TestApi(port);
        for (String u : List.of("admin", "tongcheng")) {
            api.token(u);
        }
        WebSession admin = WebSession.loggedIn(port, "admin");
        WebSession district = WebSession.loggedIn(port, "tongcheng");
        load(api, 2013, List.of(day("2013-10-01", "HOLIDAY")));
        String banner = "holiday arrangement for 2014 is not loaded";

        // 1 October: the next 60 days end on 30 November, all in 2013: nothing to say
        day(LocalDate.of(2013, 10, 1));
        assertThat(coverage.missingYears(LocalDate.of(2013, 10, 1))).isEmpty();
        assertThat(coverage.check()).isZero();
        assertThat(admin.get("/?lang=en").body()).doesNotContain(banner);

        // 3 November: the next 60 days reach 2014, whose arrangement is missing
        day(LocalDate.of(2013, 11, 3));
        assertThat(coverage.missingYears(LocalDate.of(2013, 11, 3))).containsExactly(2014);
        // two nodes run the daily check at once, then again the next day: one warning
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> nodes = List.of(coverage::check, coverage::check);
            int sent = 0;
            for (Future<Integer> f : pool.invokeAll(nodes)) {
                sent += f.get();
            }
            assertThat(sent).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdown();
        }
        day(LocalDate.of(2013, 11, 4));
        assertThat(coverage.check()).isZero();
        String inbox = api.get("/api/v1/notifications?size=200&lang=en", api.token("admin")).body();
        assertThat(count(inbox, "Holiday arrangement for 2014 not loaded")).isEqualTo(1);
        assertThat(api.get("/api/v1/notifications?size=200&lang=en", api.token("tongcheng")).body())
                .as("only the calendar administrators").doesNotContain("Holiday arrangement for 2014");
        // the home page says it to the administrator, not to a district officer
        assertThat(admin.get("/?lang=en").body()).contains(banner);
        assertThat(admin.get("/?lang=zh-CN").body()).contains("2014 年放假安排尚未录入");
        assertThat(district.get("/?lang=en").body()).doesNotContain(banner);

        // once 2014 is loaded the banner goes
        load(api, 2014, List.of(day("2014-01-01", "HOLIDAY")));
        assertThat(admin.get("/?lang=en").body()).doesNotContain(banner);
    }
}
