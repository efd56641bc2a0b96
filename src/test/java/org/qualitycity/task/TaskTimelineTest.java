package org.qualitycity.task;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 10: the task timeline has a year axis and zooms into one year (months on the axis, bars clipped to
 * the year), labels that can be read (title, unit, state and progress beside each bar), and its navigation entry is
 * the one marked as the current page (not also "all tasks").
 */
@QcIntegrationTest
class TaskTimelineTest {

    @LocalServerPort
    int port;

    private static final Pattern TICK = Pattern.compile("class=\"qc-gantt-tick\" style=\"left:([0-9.]+)%\">([^<]+)<");
    private static final Pattern BAR = Pattern.compile("class=\"qc-gantt-bar[^\"]*\"\\s+style=\"left:([0-9.-]+)%;width:([0-9.]+)%\"");

    @Test
    void theTimelineHasYearTicksZoomsIntoAYearAndMarksItsOwnNavigationEntry() {
        WebSession web = WebSession.loggedIn(port, "admin");
        String all = web.get("/tasks/timeline?mine=false").body();
        List<String> years = labels(all);
        assertThat(years).as("a tick per year of the plan").contains("2018", "2019", "2020");
        assertThat(all).contains("id=\"timeline-zoom\"").contains("data-year=\"2018\"");
        assertThat(all).containsPattern("class=\"qc-gantt-meta\">[^<]+ · [^<]+ · \\d+%");
        // the page's navigation entry is the timeline, and only it
        assertThat(all).containsPattern("href=\"/tasks/timeline\"[^>]*aria-current=\"page\"");
        assertThat(all).doesNotContainPattern("href=\"/tasks\"[^>]*aria-current=\"page\"");
        assertThat(all).containsPattern("<title>任务时间轴</title>");

        String y2018 = web.get("/tasks/timeline?mine=false&year=2018").body();
        assertThat(labels(y2018)).hasSize(12).startsWith("1月");
        assertThat(y2018).contains("<span>2018-01-01</span><span>2018-12-31</span>");
        Matcher bar = BAR.matcher(y2018);
        int bars = 0;
        while (bar.find()) {
            bars++;
            double left = Double.parseDouble(bar.group(1));
            double width = Double.parseDouble(bar.group(2));
            assertThat(left).isBetween(0.0, 100.0);
            assertThat(left + width).isLessThanOrEqualTo(100.01);
        }
        assertThat(bars).as("the demo plan has tasks running in 2018").isPositive();
        assertThat(bars).isLessThanOrEqualTo(count(all, "class=\"qc-gantt-bar"));

        String en = web.get("/tasks/timeline?mine=false&year=2018&lang=en").body();
        assertThat(labels(en)).startsWith("Jan");
        web.get("/tasks/timeline?lang=zh-CN");
        assertThat(web.get("/tasks/timeline?year=1990").status()).isEqualTo(400);
    }

    private static List<String> labels(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = TICK.matcher(page);
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
