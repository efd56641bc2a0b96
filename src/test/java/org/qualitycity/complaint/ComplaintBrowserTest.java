package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.SharedBrowser;
import org.qualitycity.support.TestApi;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 9: a citizen submits on a phone-sized window and gets a tracking code; the administrator
 * accepts and dispatches; 通城县 replies; the citizen reads the reply by code and phone digits.
 */
@QcIntegrationTest
class ComplaintBrowserTest {

    /** One phone and one desktop browser; each user below starts signed out in it (SharedBrowser.signOut). */
    @RegisterExtension
    static final SharedBrowser onAPhone = new SharedBrowser(390, 844);
    @RegisterExtension
    static final SharedBrowser desktop = new SharedBrowser(1280, 900);

    @LocalServerPort
    int port;

    @Test
    void citizenSubmitsOnAPhoneOperatorAcceptsAndDispatchesUnitRepliesCitizenSeesTheReply() throws Exception {
        String base = "http://localhost:" + port;
        String phone = ComplaintFixtures.freshPhone();
        String code;
        ChromeDriver citizen = onAPhone.driver();
        WebDriverWait wait = new WebDriverWait(citizen, Duration.ofSeconds(20));
        citizen.get(base + "/public/complaints?lang=zh-CN");
        citizen.findElement(By.id("type-COMPLAINT")).click();
        new Select(citizen.findElement(By.id("category"))).selectByValue("GOODS");
        citizen.findElement(By.id("subcategory")).sendKeys("电动车");
        citizen.findElement(By.id("respondentName")).sendKeys("通城县浏览器测试电动车行");
        new Select(citizen.findElement(By.id("district"))).selectByValue("421222");
        citizen.findElement(By.id("facts")).sendKeys("新买的电动车电池一个月就无法充电，商家拒绝更换。");
        citizen.findElement(By.id("request")).sendKeys("更换电池");
        citizen.findElement(By.id("name")).sendKeys("赵六");
        citizen.findElement(By.id("phone")).sendKeys(phone);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "complaint-public-form.png"),
                citizen.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        click(citizen, "submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tracking-code")));
        code = citizen.findElement(By.id("tracking-code")).getText().trim();
        assertThat(code).matches("T\\d{8}-[0-9A-Z]{6}");

        long id = ComplaintFixtures.idOf(new TestApi(port), code);
        staffStep(base, "admin", id, "do-accept", null);
        staffStep(base, "admin", id, "do-dispatch", null);
        staffStep(base, "tongcheng", id, "do-handle", null);
        staffStep(base, "tongcheng", id, "do-reply", "经调解，商家同意免费更换电池。");

        onAPhone.signOut();
        ChromeDriver again = onAPhone.driver();
        wait = new WebDriverWait(again, Duration.ofSeconds(20));
        again.get(base + "/public/complaints/track?lang=zh-CN");
        again.findElement(By.id("code")).sendKeys(code);
        again.findElement(By.id("phone4")).sendKeys(phone.substring(7));
        click(again, "track-submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("track-reply")));
        assertThat(again.findElement(By.id("track-reply")).getText()).isEqualTo("经调解，商家同意免费更换电池。");
        assertThat(again.findElement(By.id("track-status")).getText()).isEqualTo("已答复");
    }

    /** Scrolls the element to the middle of the small screen (below the fold on a phone), then clicks it. */
    private static void click(ChromeDriver d, String id) {
        var el = d.findElement(By.id(id));
        d.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", el);
        el.click();
    }

    private void staffStep(String base, String user, long id, String button, String reply) {
        desktop.signOut();
        ChromeDriver d = desktop.driver();
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        d.get(base + "/login");
        org.qualitycity.support.Browser.submitLogin(d, user);
        wait.until(ExpectedConditions.urlToBe(base + "/"));
        d.get(base + "/complaints/" + id + "?lang=zh-CN");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(button)));
        if (reply != null) {
            d.findElement(By.id("reply")).sendKeys(reply);
        }
        click(d, button);
        wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("action-done")),
                ExpectedConditions.presenceOfElementLocated(By.id("action-error"))));
        assertThat(d.findElements(By.id("action-error"))).as(user + " " + button + ": " + d.getPageSource())
                .isEmpty();
    }
}
