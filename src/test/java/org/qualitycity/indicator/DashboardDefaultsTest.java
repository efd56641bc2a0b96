package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 9: the dashboard opens on the latest year with data (a quarter would hide the annual indicators),
 * its status cells carry a symbol and a word besides the colour (item 14), and the charts get the screen's language.
 */
@QcIntegrationTest
class DashboardDefaultsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDefaultPeriodIsTheLatestYearWithData() {
        Integer latest = jdbc.sql("""
                SELECT max(year) FROM indicator_result r JOIN platform_unit u ON u.id = r.unit_id
                WHERE r.period_type = 'YEAR' AND r.value IS NOT NULL""").query(Integer.class).single();
        assertThat(latest).as("demo data has annual values").isNotNull();
        String page = WebSession.loggedIn(port, "admin").get("/indicators/dashboard").body();
        Matcher period = Pattern.compile("id=\"period\" name=\"period\" value=\"([^\"]*)\"").matcher(page);
        assertThat(period.find()).as(page).isTrue();
        assertThat(period.group(1)).isEqualTo(String.valueOf(latest));
        // annual indicators show (a quarter view leaves them out): the matrix has the same rows as the year's view
        String yearView = WebSession.loggedIn(port, "admin").get("/indicators/dashboard?period=" + latest).body();
        assertThat(count(page, "data-indicator=")).isEqualTo(count(yearView, "data-indicator=")).isPositive();
        String quarterView = WebSession.loggedIn(port, "admin").get("/indicators/dashboard?period=" + latest + "Q2").body();
        assertThat(count(page, "<tr")).isGreaterThan(count(quarterView, "<tr"));
    }

    @Test
    void statusCellsCarryASymbolAndAWordAndTheChartsTheScreensLanguage() {
        WebSession web = WebSession.loggedIn(port, "admin");
        String zh = web.get("/indicators/dashboard?period=2019Q1").body();
        assertThat(zh).contains("class=\"qc-status-symbol\" aria-hidden=\"true\">✗</span><span class=\"visually-hidden\">未达标</span>");
        assertThat(zh).contains("\"targetLabel\":\"目标\"");
        String en = web.get("/indicators/dashboard?period=2019Q1&lang=en").body();
        assertThat(en).contains("<span class=\"visually-hidden\">Not met</span>");
        String chart = en.substring(en.indexOf("id=\"dashboard-data\""));
        chart = chart.substring(0, chart.indexOf("</script>"));
        // map labels, legend (series names) and the target line in English; the map still matches the GeoJSON
        assertThat(chart).contains("\"targetLabel\":\"Target\"").contains("\"geoName\":\"");
        String withoutGeoNames = chart.replaceAll("\"geoName\":\"[^\"]*\"", "");
        assertThat(withoutGeoNames).doesNotContainPattern("\\p{IsHan}");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
