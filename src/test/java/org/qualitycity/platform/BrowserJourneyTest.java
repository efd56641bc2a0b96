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

    static void screenshot(WebDriver driver, String name) throws java.io.IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }
}
