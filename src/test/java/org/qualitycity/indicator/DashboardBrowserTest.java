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
