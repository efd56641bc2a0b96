package org.qualitycity.calendar;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WebSession;
import org.qualitycity.support.WebSession.Page;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The page /calendar as a browser uses it: the month grids, and loading a year through the form. */
@QcIntegrationTest
class CalendarPageIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void showsHolidaysAndMakeUpDaysOfAYear() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        Page p = admin.get("/calendar?year=2025");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.body()).contains("<option value=\"2025\" selected=\"selected\">2025</option>");
        assertThat(p.body()).containsPattern("<td class=\"qc-cal-holiday[^>]*data-date=\"2025-10-01\" data-kind=\"HOLIDAY\"");
        assertThat(p.body()).containsPattern("<td class=\"qc-cal-workday[^>]*data-date=\"2025-10-11\" data-kind=\"WORKDAY\"");
        assertThat(p.body()).contains("data-date=\"2025-10-09\" data-kind=\"WEEKDAY\"");
        assertThat(p.body()).contains("国办发明电〔2024〕12号");
        assertThat(p.body()).contains("id=\"calendar-edit\"");
        assertThat(p.body()).containsPattern("/js/calendar-[0-9a-f]{32}\\.js");
        // the edit form is prefilled with the year in the text format, runs as ranges
        assertThat(p.body()).contains("2025-10-01~2025-10-08, HOLIDAY, 国庆节、中秋节, National Day and Mid-Autumn Festival");
    }

    @Test
    void readersSeeNoFormAndOthersNoPage() {
        Page auditor = WebSession.loggedIn(port, "auditor").get("/calendar?year=2024");
        assertThat(auditor.status()).isEqualTo(200);
        assertThat(auditor.body()).contains("data-date=\"2024-02-18\" data-kind=\"WORKDAY\"");
        assertThat(auditor.body()).doesNotContain("id=\"calendar-edit\"");

        assertThat(WebSession.loggedIn(port, "scjg").get("/calendar").status()).isEqualTo(403);

        WebSession reader = WebSession.loggedIn(port, "auditor");
        reader.get("/calendar");
        Page post = reader.postForm("/calendar", Map.of("year", "2043", "text", "2043-01-01, HOLIDAY, 元旦"));
        // refused; the platform forwards the denial of a POST to its GET-only /error/403 page (405)
        assertThat(post.status()).isIn(403, 405);
        assertThat(WebSession.loggedIn(port, "admin").get("/calendar?year=2043").body())
                .contains("id=\"calendar-not-loaded\"");
    }

    @Test
    void anAdministratorLoadsAYearThroughTheForm() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        Page empty = admin.get("/calendar?year=2042");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"calendar-not-loaded\"");

        Page bad = admin.postForm("/calendar", Map.of("year", "2042", "source", "", "text", """
                2042-01-01, HOLIDAY, 元旦, New Year's Day
                2042-01-06, WORKDAY, 调休上班
                2042-02-30, HOLIDAY, 春节
                """));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"calendar-errors\"");
        assertThat(bad.body()).containsPattern("(第 3 行|Line 3)");
        assertThat(bad.body()).containsPattern("(第 2 行|Line 2)");
        assertThat(admin.get("/calendar?year=2042").body()).contains("id=\"calendar-not-loaded\"");

        Page saved = admin.postForm("/calendar", Map.of("year", "2042", "source", "测试通知 2042", "text", """
                # 2042
                2042-01-01, 休, 元旦, New Year's Day
                2042-01-04, 班, 元旦调休上班
                2042-10-01~2042-10-07, HOLIDAY, 国庆节, National Day
                """));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/calendar?year=2042");
        Page shown = admin.get("/calendar?year=2042");
        assertThat(shown.body()).contains("测试通知 2042");
        assertThat(shown.body()).contains("data-date=\"2042-10-07\" data-kind=\"HOLIDAY\"");
        assertThat(shown.body()).contains("data-date=\"2042-01-04\" data-kind=\"WORKDAY\"");
        assertThat(shown.body()).doesNotContain("id=\"calendar-not-loaded\"");
    }
}
