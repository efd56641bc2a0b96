package org.qualitycity.spotcheck;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.Browser;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 8: an officer records a sample and a failed result; the enterprise user submits a rectification with a file. */
@QcIntegrationTest
class RectificationBrowserTest {

    @LocalServerPort
    int port;

    private void login(ChromeDriver driver, WebDriverWait wait, String base, String username) {
        driver.manage().deleteAllCookies();
        driver.get(base + "/login?lang=zh-CN");
        org.qualitycity.support.Browser.submitLogin(driver, username);
        wait.until(ExpectedConditions.urlToBe(base + "/"));
    }

    private static void click(ChromeDriver driver, String id) {
        var el = driver.findElement(By.id(id));
        // the layout's main area scrolls on its own, so a native click may land outside the viewport
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", el);
    }

    @Test
    void anOfficerRecordsAFailedSampleAndTheEnterpriseSubmitsARectificationWithAFile() throws Exception {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421281", "浏览器整改测试食品有限公司");
        String user = EnterpriseFixtures.enterpriseUser(api, code, "421281");
        Path evidence = Files.createTempFile("rectification-evidence", ".pdf");
        Files.write(evidence, ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII));
        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String base = "http://localhost:" + port;

            // the district officer of 赤壁市 records the sampling ...
            login(driver, wait, base, "chibi");
            driver.get(base + "/spotchecks/samples");
            driver.findElement(By.id("new-sample")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sample-form")));
            driver.findElement(By.id("enterpriseCreditCode")).sendKeys(code);
            new Select(driver.findElement(By.id("categoryCode"))).selectByValue("FOOD-CAKE");
            driver.findElement(By.id("product")).sendKeys("桂花糕");
            driver.findElement(By.id("batchNo")).sendKeys("BR-2026-001");
            driver.findElement(By.id("samplers")).sendKeys("陈明, 刘洋");
            click(driver, "save-sample");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result-form")));
            assertThat(driver.findElement(By.id("batch")).getText()).isEqualTo("BR-2026-001");
            String samplePath = driver.getCurrentUrl().substring(base.length());

            // ... and the failed result: one of two items fails
            driver.findElement(By.id("lab")).sendKeys("咸宁市产品质量监督检验所");
            driver.findElement(By.id("item0")).sendKeys("菌落总数");
            driver.findElement(By.id("measured0")).sendKeys("3.2×10³");
            driver.findElement(By.id("item1")).sendKeys("酸价");
            driver.findElement(By.id("measured1")).sendKeys("7.8");
            new Select(driver.findElement(By.id("verdict1"))).selectByValue("FAIL");
            click(driver, "save-result");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-up")));
            assertThat(driver.findElement(By.id("final-verdict")).getText()).isEqualTo("不合格");

            // the enterprise user logs in and submits the rectification report with a file
            login(driver, wait, base, user);
            driver.get(base + samplePath);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rectification-form")));
            driver.findElement(By.id("report-text")).sendKeys("已停止销售该批次,查明原料酸价超标原因并更换供应商。");
            driver.findElement(By.id("evidence")).sendKeys(evidence.toString());
            click(driver, "submit-report");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report"), "更换供应商"));
            assertThat(driver.findElement(By.id("report")).getText()).contains(MutableClock.today(port).getYear() + "-");
            assertThat(driver.findElement(By.cssSelector(".qc-attachments")).getText()).contains("rectification-evidence");
            assertThat(driver.findElements(By.id("rectification-form"))).isEmpty();
        } finally {
            driver.quit();
            Files.deleteIfExists(evidence);
        }
    }
}
