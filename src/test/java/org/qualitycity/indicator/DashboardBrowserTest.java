package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance: admin opens the dashboard, switches period, clicks a red cell and reaches its drill-down. */
@QcIntegrationTest
class DashboardBrowserTest {

    @LocalServerPort
    int port;

    /**
     * Issue 12 item 9: in English (longer names) the dashboard fits a 1440 px screen without the page scrolling
     * sideways, also with more areas than the city's seven: the matrix scrolls inside its own card, its first column
     * (the indicator) stays in view.
     */
    @Test
    void theEnglishMatrixFitsA1440PixelScreenAndTheChartsSpeakEnglish() throws Exception {
        String base = "http://localhost:" + port;
        // more than a dozen areas in all (other tests of the suite add some too): nine more with long names
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        for (int i = 0; i < 9; i++) {
            String code = "DB" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            assertThat(api.post("/api/v1/units", java.util.Map.of("code", code, "nameZh", "看板布局测试区" + i,
                    "nameEn", "Dashboard layout test district " + i, "kind", "DISTRICT", "parentCode", "421200"), admin)
                    .status()).isEqualTo(201);
        }
        ChromeDriver driver = Browser.start(1440, 900);
        try {
            Browser.login(driver, base, "admin");
            for (String query : List.of("", "?period=2019Q1")) {
                driver.get(base + "/indicators/dashboard" + query + (query.isEmpty() ? "?" : "&") + "lang=en");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend canvas")));
                Files.createDirectories(Path.of("target", "screenshots"));
                Files.write(Path.of("target", "screenshots", "dashboard-en" + (query.isEmpty() ? "" : "-2019Q1") + ".png"),
                        driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                // the page as served, every area's column in it
                List<?> w = (List<?>) driver.executeScript("var t = document.getElementById('matrix');"
                        + " var box = t.parentElement; var first = t.querySelector('tbody tr td');"
                        + " var before = first.getBoundingClientRect().left - box.getBoundingClientRect().left;"
                        + " box.scrollLeft = box.scrollWidth;"
                        + " var after = first.getBoundingClientRect().left - box.getBoundingClientRect().left;"
                        + " var r = [t.querySelectorAll('thead th').length - 2, t.scrollWidth, box.clientWidth,"
                        + " document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                        + " box.scrollLeft, Math.round(before), Math.round(after), getComputedStyle(box).overflowX];"
                        + " box.scrollLeft = 0; return r;");
                assertThat(((Number) w.get(0)).longValue()).as("area columns " + w).isGreaterThan(15);
                assertThat(((Number) w.get(3)).longValue()).as("no sideways scrolling of the page " + w)
                        .isLessThanOrEqualTo(((Number) w.get(4)).longValue());
                if (((Number) w.get(1)).longValue() > ((Number) w.get(2)).longValue()) {
                    // wider than its card: the card scrolls, and the indicator column stays where it was
                    assertThat(String.valueOf(w.get(8))).as("the matrix scrolls in its card " + w).isIn("auto", "scroll");
                    assertThat(((Number) w.get(5)).longValue()).as("scrolled " + w).isPositive();
                    assertThat(w.get(7)).as("the indicator column stays in view when scrolled " + w).isEqualTo(w.get(6));
                }
                // legend and map labels in English, the target line labelled in English and inside the chart
                Object names = driver.executeScript("var o = echarts.getInstanceByDom(document.getElementById('trend')).getOption();"
                        + " return o.series.map(function (s) { return s.name; }).join('|') + '#'"
                        + " + JSON.stringify(o.series[0].markLine ? o.series[0].markLine.label : null);");
                assertThat(String.valueOf(names)).doesNotContainPattern("\\p{IsHan}").contains("insideEndTop");
            }
        } finally {
            driver.quit();
        }
    }

    @Test
    void adminSwitchesPeriodClicksARedCellAndReachesItsDrillDown() throws Exception {
        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String base = "http://localhost:" + port;
            driver.get(base + "/login");
            org.qualitycity.support.Browser.submitLogin(driver, "admin");
            wait.until(ExpectedConditions.urlToBe(base + "/"));

            driver.get(base + "/indicators/dashboard?period=2019Q2&lang=zh-CN");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("matrix")));
            assertThat(driver.findElement(By.id("period")).getAttribute("value")).isEqualTo("2019Q2");
            // switch period with the "previous" arrow
            driver.findElement(By.id("period-prev")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("period"), "value", "2019Q1"));
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "dashboard.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

            List<WebElement> red = driver.findElements(By.cssSelector("#matrix a.qc-NOT_MET"));
            assertThat(red).as("demo data has districts missing targets in 2019Q1").isNotEmpty();
            WebElement cell = red.get(0);
            String indicator = cell.getAttribute("data-indicator");
            String unit = cell.getAttribute("data-unit");
            cell.click();
            wait.until(ExpectedConditions.urlContains("/indicators/value/" + indicator + "/" + unit + "/2019Q1"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result-status")));
            assertThat(driver.findElement(By.id("result-status")).getText()).isEqualTo("未达标");
            assertThat(driver.findElements(By.cssSelector("#inputs-table tbody tr"))).isNotEmpty();
            // the map and trend charts rendered (canvas elements from ECharts)
            driver.navigate().back();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend canvas")));
        } finally {
            driver.quit();
        }
    }
}
