package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance: in headless chromium, admin logs in, opens the unit tree, switches language, logs out. */
@QcIntegrationTest
class BrowserJourneyTest {

    @LocalServerPort
    int port;

    @Test
    void adminLogsInOpensTheUnitTreeSwitchesToEnglishAndBackAndLogsOut() throws Exception {
        ChromeDriver driver = Browser.start(1400, 900);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String base = "http://localhost:" + port;
            driver.get(base + "/units");
            wait.until(ExpectedConditions.urlContains("/login"));
            org.qualitycity.support.Browser.submitLogin(driver, "admin");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unit-tree")));

            String tree = driver.findElement(By.id("unit-tree")).getText();
            assertThat(tree).contains("咸宁市", "通城县", "赤壁市", "咸宁高新区", "咸宁市市场监督管理局");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("组织单位");
            screenshot(driver, "units-zh.png");

            driver.findElement(By.id("lang-en")).click();
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Organisation units"));
            assertThat(driver.findElement(By.id("unit-tree")).getText()).contains("Tongcheng County", "Chibi City");
            assertThat(driver.findElement(By.id("logout")).getText()).isEqualTo("Log out");
            screenshot(driver, "units-en.png");

            driver.findElement(By.id("lang-zh")).click();
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "组织单位"));

            driver.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.urlContains("/login?logout"));
            assertThat(driver.getPageSource()).contains("您已安全退出");
            // the session is gone: the tree needs a login again
            driver.get(base + "/units");
            wait.until(ExpectedConditions.urlContains("/login"));
            assertThat(driver.findElements(By.id("unit-tree"))).isEmpty();
        } finally {
            driver.quit();
        }
    }

    /**
     * Issue 16 (slot 5): on a phone (390 x 844) the operations page draws the devices on the district map (ECharts
     * over the city's GeoJSON, points in the chart's series) and shows the running rescue orders, whose timers tick
     * in the browser without a reload; nothing overflows the screen sideways.
     */
    @Test
    void theOperationsPageMapsTheDevicesAndTheRescueTimersTickOnAPhone() throws Exception {
        ChromeDriver driver = Browser.start(390, 844);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            String base = "http://localhost:" + port;
            org.qualitycity.support.Browser.login(driver, base, "admin");
            driver.get(base + "/monitoring?lang=zh-CN");
            wait.until(ExpectedConditions.attributeToBeNotEmpty(driver.findElement(By.id("monitoring-map")), "data-points"));
            assertThat(Integer.parseInt(driver.findElement(By.id("monitoring-map")).getAttribute("data-points"))).isPositive();
            // the districts drawn by ECharts (its canvas), the devices placed on them inside the map's box
            assertThat(driver.findElements(By.cssSelector("#monitoring-map canvas"))).isNotEmpty();
            Object inside = driver.executeScript("var m = document.getElementById('monitoring-map').getBoundingClientRect();"
                    + "return Array.from(document.querySelectorAll('#monitoring-map .qc-mon-pt')).filter(function (p) {"
                    + " var r = p.getBoundingClientRect(); return r.width > 0 && r.left >= m.left - 10 && r.right <= m.right + 10"
                    + " && r.top >= m.top - 10 && r.bottom <= m.bottom + 10; }).length;");
            assertThat(((Number) inside).intValue()).isPositive();
            // the running rescue order of the demo data, its timer counting in the browser
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#monitoring-rescue .qc-timer")));
            By timer = By.cssSelector("#monitoring-rescue .qc-timer");
            // the server writes the due time (a date with dashes); the script replaces it with a count, m:ss or h:mm:ss
            wait.until(d -> !d.findElement(timer).getText().contains("-")
                    && d.findElement(timer).getText().matches("(\\S+ )?\\d+(:\\d\\d)+"));
            String first = driver.findElement(timer).getText();
            wait.until(d -> !d.findElement(timer).getText().equals(first));
            Object overflow = driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            screenshot(driver, "monitoring-phone.png");
        } finally {
            driver.quit();
        }
    }

    static void screenshot(WebDriver driver, String name) throws java.io.IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }
}
