package org.qualitycity.calendar;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.qualitycity.support.TestApi.Response;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar's JSON API against the running application and its embedded PostgreSQL. */
@QcIntegrationTest
class CalendarApiIntegrationTest {

    @LocalServerPort
    int port;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void addWorkingDaysAnswersTheAnchorsForAnySignedInUser() {
        String officer = api.token("scjg"); // no calendar permission at all
        Response r = api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=1", officer);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"from\":\"2025-09-30\",\"days\":1,\"result\":\"2025-10-09\"}");
        assertThat(result(api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=7", officer)))
                .isEqualTo("2025-10-16");
        assertThat(result(api.get("/api/v1/calendar/add-working-days?from=2024-02-09&days=1", officer)))
                .isEqualTo("2024-02-18");
        assertThat(result(api.get("/api/v1/calendar/add-working-days?from=2023-12-29&days=3", officer)))
                .isEqualTo("2024-01-04");
        Response between = api.get("/api/v1/calendar/working-days-between?from=2025-09-30&to=2025-10-16", officer);
        assertThat(between.json().get("workingDays").asInt()).isEqualTo(7);
    }

    @Test
    void badInputAnswers400NamingTheField() {
        String token = api.token("scjg");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?days=1", token), "from");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2025-02-30&days=1", token), "from");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=30.09.2025&days=1", token), "from");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2025-09-30", token), "days");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=1.5", token), "days");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=abc", token), "days");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=-1", token), "days");
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=3651", token), "days");
        // both wrong: both reported
        Response both = api.get("/api/v1/calendar/add-working-days?from=x&days=y", token);
        assertThat(both.status()).isEqualTo(400);
        assertThat(fields(both)).containsExactly("from", "days");
    }

    @Test
    void aYearNotLoadedAnswers400SayingSo() {
        String token = api.token("scjg");
        Response before = api.get("/api/v1/calendar/add-working-days?from=2016-12-30&days=1", token);
        assertInvalid(before, "from");
        assertThat(before.json().get("errors").get(0).get("message").asText()).contains("2016");
        // counting from the last days of 2026 runs into 2027, which is not loaded (tests load 2040 and later:
        // counting past them must still name 2027)
        Response after = api.get("/api/v1/calendar/add-working-days?from=2026-12-28&days=4", token);
        assertInvalid(after, "days");
        assertThat(after.json().get("errors").get(0).get("message").asText()).contains("2027");
        Response far = api.get("/api/v1/calendar/add-working-days?from=2026-12-28&days=3000", token);
        assertInvalid(far, "days");
        assertThat(far.json().get("errors").get(0).get("message").asText()).contains("2027");
    }

    @Test
    void withoutTokenAnswers401() {
        assertThat(api.get("/api/v1/calendar/add-working-days?from=2025-09-30&days=1", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/calendar/2025", null).status()).isEqualTo(401);
        // a PUT without token and session meets the platform's CSRF check first (403); either way refused
        assertThat(api.put("/api/v1/calendar/2035", List.of(day("2035-01-01", "HOLIDAY", "元旦", "New Year's Day")),
                null).status()).isIn(401, 403);
        assertThat(api.get("/api/v1/calendar/2035", api.token("admin")).status()).isEqualTo(404);
    }

    @Test
    void aLoadedYearIsReadableWithTheViewPermission() {
        Response r = api.get("/api/v1/calendar/2025", api.token("auditor"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("year").asInt()).isEqualTo(2025);
        assertThat(r.json().get("source").asText()).contains("国办发明电〔2024〕12号");
        JsonNode days = r.json().get("days");
        assertThat(days.size()).isEqualTo(33);
        assertThat(days.get(0).get("date").asText()).isEqualTo("2025-01-01");
        assertThat(days.get(0).get("kind").asText()).isEqualTo("HOLIDAY");
        assertThat(days.get(0).get("nameZh").asText()).isEqualTo("元旦");

        Response years = api.get("/api/v1/calendar", api.token("auditor"));
        assertThat(years.status()).isEqualTo(200);
        List<Integer> loaded = new ArrayList<>();
        years.json().forEach(y -> loaded.add(y.get("year").asInt()));
        assertThat(loaded).contains(2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);

        assertThat(api.get("/api/v1/calendar/2025", api.token("scjg")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/calendar/1990", api.token("admin")).status()).isEqualTo(404);
    }

    @Test
    void anAdministratorLoadsAYearAllOrNothingAndAudited() {
        String admin = api.token("admin");
        String officer = api.token("scjg");
        // 2040 is not loaded: counting in it is refused
        assertInvalid(api.get("/api/v1/calendar/add-working-days?from=2040-09-28&days=1", officer), "from");

        List<Map<String, String>> days = List.of(
                day("2040-01-01", "HOLIDAY", "元旦", "New Year's Day"),
                day("2040-09-29", "WORKDAY", "国庆节调休上班", null), // a Saturday
                day("2040-10-01", "HOLIDAY", "国庆节", "National Day"),
                day("2040-10-02", "HOLIDAY", "国庆节", "National Day"),
                day("2040-10-03", "HOLIDAY", "国庆节", "National Day"));
        Response put = api.put("/api/v1/calendar/2040?source=test%20notice%202040", days, admin);
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().get("days").size()).isEqualTo(5);
        assertThat(put.json().get("days").get(1).get("nameEn").asText()).isEqualTo("国庆节调休上班");
        assertThat(put.json().get("source").asText()).isEqualTo("test notice 2040");

        // the cache saw the change at once
        assertThat(result(api.get("/api/v1/calendar/add-working-days?from=2040-09-28&days=1", officer)))
                .isEqualTo("2040-09-29");
        assertThat(result(api.get("/api/v1/calendar/add-working-days?from=2040-09-29&days=1", officer)))
                .isEqualTo("2040-10-04");

        // a replacement with errors changes nothing
        Response bad = api.put("/api/v1/calendar/2040", List.of(
                day("2040-05-01", "HOLIDAY", "劳动节", "Labour Day"),
                day("2041-01-01", "HOLIDAY", "元旦", "New Year's Day"),
                day("2040-05-01", "HOLIDAY", "劳动节", "Labour Day"),
                day("2040-05-07", "WORKDAY", "劳动节调休上班", "Labour Day make-up working day"), // a Monday
                day("2040-05-08", "SOMETIMES", "劳动节", "Labour Day"),
                day("2040-13-01", "HOLIDAY", "", "")), admin);
        assertThat(bad.status()).as("%s", bad).isEqualTo(400);
        assertThat(fields(bad)).contains("[4].kind", "[5].date", "[5].nameZh");
        Response badDomain = api.put("/api/v1/calendar/2040", List.of(
                day("2040-05-01", "HOLIDAY", "劳动节", "Labour Day"),
                day("2041-01-01", "HOLIDAY", "元旦", "New Year's Day"),
                day("2040-05-01", "HOLIDAY", "劳动节", "Labour Day"),
                day("2040-05-07", "WORKDAY", "劳动节调休上班", "Labour Day make-up working day")), admin);
        assertThat(badDomain.status()).isEqualTo(400);
        assertThat(fields(badDomain)).containsExactly("[1].date", "[2].date", "[3].kind");
        assertInvalid(api.put("/api/v1/calendar/2040", List.of(), admin), "days");
        Response unchanged = api.get("/api/v1/calendar/2040", admin);
        assertThat(unchanged.json().get("days").size()).isEqualTo(5);
        assertThat(unchanged.json().get("source").asText()).isEqualTo("test notice 2040");

        // replace: the audit entry carries before and after
        Response replaced = api.put("/api/v1/calendar/2040", List.of(
                day("2040-01-01", "HOLIDAY", "元旦", "New Year's Day")), admin);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("source").asText()).contains("admin");
        assertThat(result(api.get("/api/v1/calendar/add-working-days?from=2040-09-28&days=1", officer)))
                .isEqualTo("2040-10-01");

        Response audit = api.get("/api/v1/audit?module=calendar&entityType=year&entityId=2040&sort=id", api.token("auditadmin"));
        assertThat(audit.status()).as("%s", audit).isEqualTo(200);
        JsonNode entries = audit.json().get("items");
        assertThat(entries.size()).isEqualTo(2);
        List<String> befores = new ArrayList<>();
        entries.forEach(e -> {
            assertThat(e.get("action").asText()).isEqualTo("REPLACE");
            assertThat(e.get("actor").asText()).isEqualTo("admin");
            befores.add(e.get("before").isNull() ? null : e.get("before").asText());
        });
        assertThat(befores).containsNull();
        assertThat(befores).anySatisfy(b -> assertThat(b).contains("2040-10-03").contains("test notice 2040"));
    }

    @Test
    void onlyTheEditPermissionMayLoadAYear() {
        List<Map<String, String>> days = List.of(day("2041-01-01", "HOLIDAY", "元旦", "New Year's Day"));
        assertThat(api.put("/api/v1/calendar/2041", days, api.token("scjg")).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/calendar/2041", days, api.token("auditor")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/calendar/2041", api.token("admin")).status()).isEqualTo(404);
    }

    private static Map<String, String> day(String date, String kind, String nameZh, String nameEn) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("date", date);
        m.put("kind", kind);
        m.put("nameZh", nameZh);
        if (nameEn != null) {
            m.put("nameEn", nameEn);
        }
        return m;
    }

    private static String result(Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("result").asText();
    }

    private static void assertInvalid(Response r, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(fields(r)).as("%s", r).contains(field);
    }

    private static List<String> fields(Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
