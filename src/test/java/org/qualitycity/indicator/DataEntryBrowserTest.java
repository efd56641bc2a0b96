package org.qualitycity.indicator;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 entry, in chromium: a district officer uploads a workbook with a bad cell (the preview names its row and
 * column, nothing is stored), then the corrected one (confirm stores both values); the entry form refuses a
 * numerator above its denominator in the browser, in the screen's language, without posting.
 */
@QcIntegrationTest
class DataEntryBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private long stored(String unit, String period) {
        return jdbc.sql("""
                        SELECT count(*) FROM indicator_value v JOIN platform_unit u ON u.id = v.unit_id
                        WHERE u.code = :u AND v.period = :p""")
                .param("u", unit).param("p", period).query(Long.class).single();
    }

    @Test
    void aDistrictOfficerUploadsPreviewsAndConfirmsAndTheFormChecksInTheBrowser() throws Exception {
        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String base = "http://localhost:" + port;
            Browser.login(driver, base, "tongcheng");

            Path dir = Files.createTempDirectory("qc-upload");
            Path bad = dir.resolve("bad.xlsx");
            Files.write(bad, IndicatorUploadSupport.workbook(List.of(
                    new Object[]{"421222", "G4_VILLAGES_TREATED", "2011Q3", 5},
                    new Object[]{"421222", "G4_VILLAGES", "2011Q3", "八"})));
            Path good = dir.resolve("good.xlsx");
            Files.write(good, IndicatorUploadSupport.workbook(List.of(
                    new Object[]{"421222", "G4_VILLAGES_TREATED", "2011Q3", 5},
                    new Object[]{"421222", "G4_VILLAGES", "2011Q3", 8})));

            driver.get(base + "/indicators/upload?lang=zh-CN");
            driver.findElement(By.id("file")).sendKeys(bad.toString());
            driver.findElement(By.id("upload-preview")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-problems")));
            String problems = driver.findElement(By.id("upload-problems")).getText();
            assertThat(problems).contains("3").contains("G").contains("“八”不是数字");
            assertThat(driver.findElements(By.id("upload-confirm"))).isEmpty();
            assertThat(stored("421222", "2011Q3")).isZero();

            driver.get(base + "/indicators/upload");
            driver.findElement(By.id("file")).sendKeys(good.toString());
            driver.findElement(By.id("upload-preview")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-confirm")));
            assertThat(driver.findElements(By.cssSelector("#preview-table tbody tr"))).hasSize(2);
            assertThat(stored("421222", "2011Q3")).isZero();
            driver.findElement(By.id("upload-confirm")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-result")));
            assertThat(stored("421222", "2011Q3")).isEqualTo(2);

            // the form: the numerator above its denominator is refused in the browser, nothing is posted
            driver.get(base + "/indicators/entry?unitCode=421222&year=2011&part=Q4");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("v_G4_VILLAGES_TREATED")));
            driver.findElement(By.id("v_G4_VILLAGES")).sendKeys("10");
            driver.findElement(By.id("v_G4_VILLAGES_TREATED")).sendKeys("12");
            String before = driver.getCurrentUrl();
            driver.findElement(By.cssSelector("button[name=intent][value=save]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("v_G4_VILLAGES_TREATED"), "aria-invalid", "true"));
            assertThat(driver.findElement(By.id("check_G4_VILLAGES_TREATED")).getText()).isEqualTo("生活垃圾得到有效治理的行政村数不能大于行政村总数");
            assertThat(driver.getCurrentUrl()).isEqualTo(before);
            assertThat(stored("421222", "2011Q4")).isZero();
            // corrected, it posts
            driver.findElement(By.id("v_G4_VILLAGES_TREATED")).clear();
            driver.findElement(By.id("v_G4_VILLAGES_TREATED")).sendKeys("9");
            driver.findElement(By.cssSelector("button[name=intent][value=save]")).click();
            wait.until(ExpectedConditions.urlContains("period=2011Q4"));
            wait.until(d -> stored("421222", "2011Q4") == 2);
        } finally {
            driver.quit();
        }
    }
}
