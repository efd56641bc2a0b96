package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 (complaints): statistics as charts beside tables with district names; the public pages on a phone
 * (required marks, tracking with deadline, unit and steps, searchable and paged announcements); a district sees
 * its new complaints at once, read-only; the demo data closes its old cases.
 */
@QcIntegrationTest
class ComplaintPublicAndStatsPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theStatisticsPageDrawsChartsBesideTablesAndNamesDistrictsInTheScreensLanguage() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        int year = new TestApi(port).today().getYear() - 1;
        for (String lang : new String[]{"zh-CN", "en"}) {
            String body = admin.get("/complaints/stats?year=" + year + "&lang=" + lang).body();
            for (String chart : new String[]{"chart-trend", "chart-map", "chart-categories", "chart-respondents"}) {
                assertThat(body).as(lang + " " + chart).contains("id=\"" + chart + "\"");
            }
            // every chart's text alternative is a table on the page
            Matcher described = Pattern.compile("aria-describedby=\"(table-[a-z-]+)\"").matcher(body);
            int charts = 0;
            while (described.find()) {
                charts++;
                assertThat(body).as(lang).contains("id=\"" + described.group(1) + "\"");
            }
            assertThat(charts).isEqualTo(4);
            assertThat(body).contains("id=\"complaint-stats-data\"").contains("/js/complaint-stats")
                    .contains("/vendor/echarts-qc.min").contains("/geo/xianning-421200-counties");
            String districts = section(body, "table-districts");
            assertThat(districts).as(lang).contains(lang.equals("en") ? "Tongcheng" : "通城县")
                    .doesNotContain(">421222<").doesNotContain(">421281<");
            assertThat(districts).doesNotContainPattern(">\\s*4212\\d\\d\\s*<");
            // twelve months in the trend's table
            assertThat(section(body, "table-months").split("<tr").length - 2).isEqualTo(12);
        }
        assertThat(admin.get("/complaints/stats?year=" + year + "&lang=en").body())
                .contains("Monthly trend").doesNotContain("月度趋势");
    }

    @Test
    void thePublicFormMarksItsRequiredFields() {
        String body = new WebSession(port).get("/public/complaints?lang=zh-CN").body();
        for (String field : new String[]{"respondentName", "facts"}) {
            assertThat(tag(body, "id=\"" + field + "\"")).as(field).contains("required").contains("aria-required=\"true\"");
        }
        for (String field : new String[]{"category", "district"}) {
            assertThat(tag(body, "id=\"" + field + "\"")).as(field).contains("required").contains("aria-required=\"true\"");
        }
        // a complaint (the form's default type) needs the person's name and phone and the request
        for (String field : new String[]{"name", "phone", "request"}) {
            assertThat(tag(body, "id=\"" + field + "\"")).as(field).contains("required").contains("aria-required=\"true\"");
        }
        for (String field : new String[]{"respondentName", "district", "facts", "category", "name", "phone"}) {
            Matcher label = Pattern.compile("<label class=\"form-label\" for=\"" + field + "\">(.*?)</label>", Pattern.DOTALL)
                    .matcher(body);
            assertThat(label.find()).as(field).isTrue();
            assertThat(label.group(1)).as(field).contains("qc-req").contains("*");
        }
        assertThat(tag(body, "id=\"subcategory\"")).doesNotContain("required");
        assertThat(body).contains("id=\"required-note\"");
    }

    @Test
    void trackingShowsTheDecisionDeadlineTheHandlingUnitAndTheStepsOnlyToTheCodesHolder() {
        TestApi api = new TestApi(port);
        String phone = ComplaintFixtures.freshPhone();
        var receipt = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "通城县进度查询测试店", phone));
        String code = receipt.json().get("trackingCode").asText();
        String acceptDue = receipt.json().get("acceptDue").asText();
        long id = ComplaintFixtures.idOf(api, code);
        String admin = api.token("admin");
        WebSession citizen = new WebSession(port);
        String before = citizen.get("/public/complaints/track?lang=zh-CN&code=" + code + "&phone4=" + phone.substring(7)).body();
        assertThat(section(before, "track-decision-due")).contains(acceptDue);
        assertThat(steps(before)).containsExactly("RECEIVED");
        assertThat(ComplaintFixtures.act(api, id, Map.of("action", "ACCEPT"), admin).status()).isEqualTo(200);
        var dispatched = ComplaintFixtures.act(api, id, Map.of("action", "DISPATCH"), admin);
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        String unitName = dispatched.json().get("unitName").asText();
        String after = citizen.get("/public/complaints/track?lang=zh-CN&code=" + code + "&phone4=" + phone.substring(7)).body();
        assertThat(section(after, "track-unit")).contains(unitName);
        assertThat(section(after, "track-decision-due")).contains(acceptDue);
        assertThat(steps(after)).containsExactly("RECEIVED", "ACCEPTED", "DISPATCHED");
        assertThat(citizen.get("/public/complaints/track?lang=en&code=" + code + "&phone4=" + phone.substring(7)).body())
                .contains("Decision due").contains("Steps so far").contains("Dispatched to the handling unit");
        // the API answers the same to the code's holder, and nothing of a person
        var json = api.get("/api/v1/public/complaints/" + code + "?phone4=" + phone.substring(7), null);
        assertThat(json.json().get("decisionDue").asText()).isEqualTo(acceptDue);
        assertThat(json.json().get("steps")).hasSize(3);
        assertThat(json.body()).doesNotContain("张三丰").doesNotContain(phone);
        // another phone's digits: no case at all
        String wrong = citizen.get("/public/complaints/track?lang=zh-CN&code=" + code + "&phone4="
                + (phone.endsWith("0000") ? "1111" : "0000")).body();
        assertThat(wrong).contains("id=\"not-found\"").doesNotContain("track-steps").doesNotContain(unitName);
    }

    @Test
    void aDistrictSeesItsNewComplaintAtOnceReadOnlyOnTheRunningClockAndNoOtherDistrictDoes() {
        TestApi api = new TestApi(port);
        var receipt = ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "通城县即时可见测试电器行",
                ComplaintFixtures.freshPhone()));
        String code = receipt.json().get("trackingCode").asText();
        String acceptDue = receipt.json().get("acceptDue").asText();
        long id = ComplaintFixtures.idOf(api, code);

        var mine = api.get("/api/v1/complaints?q=" + code, api.token("tongcheng")).json().get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("awaitingDispatch").asBoolean()).isTrue();
        assertThat(mine.get(0).get("status").asText()).isEqualTo("RECEIVED");
        assertThat(mine.get(0).get("deadline").get("due").asText()).isEqualTo(acceptDue);
        assertThat(mine.get(0).get("personName").asText()).isEqualTo("张**");
        assertThat(api.get("/api/v1/complaints?q=" + code, api.token("chibi")).json().get("items")).isEmpty();

        WebSession tongcheng = WebSession.loggedIn(port, "tongcheng");
        String list = tongcheng.get("/complaints?lang=zh-CN&q=" + code).body();
        assertThat(list).contains(code).contains("qc-awaiting");
        var detail = tongcheng.get("/complaints/" + id + "?lang=zh-CN");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("id=\"awaiting-dispatch\"").contains(acceptDue)
                .doesNotContain("do-accept").doesNotContain("do-dispatch").doesNotContain("id=\"unmask\"")
                .doesNotContain("张三丰");
        assertThat(tongcheng.get("/complaints/" + id + "?unmask=true").status()).isEqualTo(403);
        // read-only: the district cannot act before dispatch
        assertThat(ComplaintFixtures.act(api, id, Map.of("action", "ACCEPT"), api.token("tongcheng")).status())
                .isEqualTo(404);
        assertThat(WebSession.loggedIn(port, "chibi").get("/complaints/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/complaints/" + id, api.token("chibi")).status()).isEqualTo(404);

        // once dispatched to the district's unit, it is the district's to act on
        String admin = api.token("admin");
        assertThat(ComplaintFixtures.act(api, id, Map.of("action", "ACCEPT"), admin).status()).isEqualTo(200);
        assertThat(ComplaintFixtures.act(api, id, Map.of("action", "DISPATCH"), admin).status()).isEqualTo(200);
        var after = api.get("/api/v1/complaints?q=" + code, api.token("tongcheng")).json().get("items").get(0);
        assertThat(after.get("awaitingDispatch").asBoolean()).isFalse();
        assertThat(tongcheng.get("/complaints/" + id + "?lang=zh-CN").body()).doesNotContain("id=\"awaiting-dispatch\"")
                .contains("do-handle");
    }

    @Test
    void publicAnnouncementsAreSearchableAndPaged() {
        WebSession anon = new WebSession(port);
        int year = new TestApi(port).today().getYear() - 2;
        String found = anon.get("/public/announcements?lang=zh-CN&q=" + year + "年").body();
        assertThat(count(found, "data-announcement-id=")).isEqualTo(1);
        assertThat(found).contains(year + "年").contains("id=\"announcement-q\"");
        String none = anon.get("/public/announcements?lang=zh-CN&q=no-such-announcement-xyz").body();
        assertThat(count(none, "data-announcement-id=")).isZero();
        String first = anon.get("/public/announcements?lang=zh-CN&size=2").body();
        assertThat(count(first, "data-announcement-id=")).isEqualTo(2);
        assertThat(first).contains("qc-pager").contains("page=1");
        String second = anon.get("/public/announcements?lang=zh-CN&size=2&page=1").body();
        assertThat(count(second, "data-announcement-id=")).isEqualTo(2);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
        assertThat(anon.get("/public/announcements?q=" + "x".repeat(101)).status()).isEqualTo(400);
    }

    @Test
    void theDemoDataLeavesNoOldCaseOpenPastItsLimit() {
        // the demo's today: its latest receipt (the clock of this test run may have been moved by other tests)
        String demoToday = "(SELECT max(received_on) FROM complaint_case WHERE demo)";
        long handledPastReply = jdbc.sql("SELECT count(*) FROM complaint_case WHERE demo AND status = 'HANDLED' "
                + "AND (reply_due < " + demoToday + " - 30 OR (reply_due IS NULL AND handled_on < " + demoToday + " - 400))").query(Long.class).single();
        assertThat(handledPastReply).as("handled demo cases never replied").isZero();
        long oldOpen = jdbc.sql("SELECT count(*) FROM complaint_case WHERE demo AND status IN ('RECEIVED', 'ACCEPTED', 'HANDLED') "
                + "AND received_on < " + demoToday + " - 180").query(Long.class).single();
        assertThat(oldOpen).as("open demo cases older than half a year").isZero();
        long repliedLate = jdbc.sql("SELECT count(*) FROM complaint_case WHERE demo AND anonymous AND replied_on > reply_due")
                .query(Long.class).single();
        assertThat(repliedLate).as("anonymous reports filed after their reply limit").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM complaint_case WHERE demo AND anonymous AND status = 'REPLIED'")
                .query(Long.class).single()).isPositive();
    }

    private static java.util.List<String> steps(String body) {
        Matcher m = Pattern.compile("data-step=\"([A-Z]+)\"").matcher(section(body, "track-steps"));
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static java.util.List<String> ids(String body) {
        Matcher m = Pattern.compile("data-announcement-id=\"(\\d+)\"").matcher(body);
        java.util.List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String body, String text) {
        return body.split(Pattern.quote(text), -1).length - 1;
    }

    /** The opening tag that contains {@code marker}. */
    private static String tag(String body, String marker) {
        int at = body.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        return body.substring(body.lastIndexOf('<', at), body.indexOf('>', at) + 1);
    }

    /** The element with {@code id} up to its closing tag (tables, lists, definitions). */
    private static String section(String body, String id) {
        int at = body.indexOf("id=\"" + id + "\"");
        assertThat(at).as(id).isNotNegative();
        int start = body.lastIndexOf('<', at);
        String name = body.substring(start + 1).split("[\\s>]", 2)[0];
        int end = body.indexOf("</" + name + ">", at);
        return body.substring(start, end);
    }
}
