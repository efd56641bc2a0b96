package org.qualitycity.credit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 7 in a browser: a district officer finds the staff list in the navigation, picks the enterprise by
 * typing part of its name (htmx fills the field's options), checks the confirmation and lists it.
 */
@QcIntegrationTest
class StaffListingBrowserTest {

    @LocalServerPort
    int port;

    private static void click(ChromeDriver driver, By by) {
        var el = driver.findElement(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", el);
    }

    @Test
    void anOfficerPicksTheEnterpriseByNameAndListsItAfterTheConfirmation() {
        TestApi api = new TestApi(port);
        String name = "浏览器列入测试企业" + System.nanoTime() % 100000;
        String code = EnterpriseFixtures.create(api, "421222", name);
        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
            String base = "http://localhost:" + port;
            driver.get(base + "/login?lang=zh-CN");
            Browser.submitLogin(driver, "tongcheng");
            wait.until(ExpectedConditions.urlToBe(base + "/"));

            click(driver, By.cssSelector("#qc-sidebar a[href='/credit/blacklist']"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("staff-blacklist")));
            click(driver, By.id("listing-new"));
            var field = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("creditCode")));
            field.clear();
            field.sendKeys(name.substring(0, 7));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#enterprise-options option[value='" + code + "']")));
            // choosing the option puts its value (the credit code) into the field
            String offered = driver.findElement(By.cssSelector("#enterprise-options option[value='" + code + "']"))
                    .getAttribute("value");
            field.clear();
            field.sendKeys(offered);
            driver.findElement(By.id("decisionNo")).sendKeys("通市监信列〔浏览器〕1号");
            driver.findElement(By.id("reason")).sendKeys("生产销售不合格产品");
            driver.findElement(By.id("legalBasis")).sendKeys("《市场监督管理严重违法失信名单管理办法》");
            driver.findElement(By.id("approvedBy")).sendKeys("局务会");
            click(driver, By.cssSelector("#listing-form button[type='submit']"));

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("listing-confirm")));
            assertThat(driver.findElement(By.id("listing-confirm")).getText()).contains(name).contains(code);
            assertThat(api.get("/api/v1/public/blacklist", null).body()).doesNotContain(code);
            click(driver, By.id("confirm"));

            try {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("staff-blacklist")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError(driver.getCurrentUrl() + "\n" + driver.getPageSource(), e);
            }
            assertThat(driver.findElement(By.id("staff-blacklist")).getText()).contains(name);
            assertThat(api.get("/api/v1/public/blacklist", null).body()).contains(code);
        } finally {
            driver.quit();
        }
    }
}
