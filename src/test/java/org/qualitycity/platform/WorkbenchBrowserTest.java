package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.complaint.ComplaintFixtures;
import org.qualitycity.enterprise.EnterpriseFixtures;
import org.qualitycity.spotcheck.SpotcheckFixtures;
import org.qualitycity.support.Browser;
import org.qualitycity.support.MutableClock;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.SharedBrowser;
import org.qualitycity.support.TestApi;
import org.qualitycity.task.TaskTestSupport;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, acceptance 1: each kind of user starts at the home page, finds today's work there and completes one
 * action, in Debian's chromium. The city quality office accepts a complaint from its queue; a district officer
 * acknowledges a task; an enterprise reports a rectification of its failed sample; a citizen on a phone files a
 * complaint from the front door and tracks it.
 */
@QcIntegrationTest
class WorkbenchBrowserTest {

    private static final Pattern ALL = Pattern.compile("全部 (\\d+) 项");

    /** One desktop browser for the class; each test starts signed out (SharedBrowser clears it before each). */
    @RegisterExtension
    static final SharedBrowser desktop = new SharedBrowser(1440, 900);

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theCityQualityOfficeAcceptsTheFirstComplaintOfItsQueue() {
        TestApi api = new TestApi(port);
        // at least one complaint waits for acceptance by the city's intake unit
        assertThat(ComplaintFixtures.submit(api, ComplaintFixtures.complaint("421222", "工作台浏览器测试商店",
                ComplaintFixtures.freshPhone())).status()).isEqualTo(201);
        ChromeDriver d = desktop.driver();
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        Browser.login(d, base(), "admin");
        d.get(base() + "/?lang=zh-CN");
        WebElement queue = queue(d, "complaint.workbench.accept");
        long before = total(queue);
        WebElement first = queue.findElement(By.cssSelector("ul a"));
        String href = first.getAttribute("href");
        assertThat(href).matches(".*/complaints/\\d+");
        click(d, first);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("do-accept")));
        click(d, d.findElement(By.id("do-accept")));
        wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("action-done")),
                ExpectedConditions.presenceOfElementLocated(By.id("action-error"))));
        assertThat(d.findElements(By.id("action-error"))).as(d.getPageSource()).isEmpty();

        d.get(base() + "/?lang=zh-CN");
        List<WebElement> after = d.findElements(By.cssSelector("[data-queue='complaint.workbench.accept']"));
        assertThat(after.isEmpty() ? 0 : total(after.get(0))).as("the accepted complaint left the queue")
                .isEqualTo(before - 1);
        if (!after.isEmpty()) {
            assertThat(after.get(0).findElements(By.cssSelector("a[href='" + href.substring(base().length()) + "']")))
                    .isEmpty();
        }
    }

    @Test
    void aDistrictOfficerAcknowledgesTheTaskItsWorkbenchShows() {
        TestApi api = new TestApi(port);
        LocalDate today = MutableClock.today(port);
        long id = TaskTestSupport.createTask(api, "421222", "工作台浏览器测试任务", today.plusDays(3));
        assertThat(TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        ChromeDriver d = desktop.driver();
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        Browser.login(d, base(), "tongcheng");
        d.get(base() + "/?lang=zh-CN");
        WebElement queue = queue(d, "task.workbench.acknowledge");
        WebElement item = queue.findElement(By.cssSelector("a[href='/tasks/" + id + "']"));
        assertThat(item.getText()).isEqualTo("工作台浏览器测试任务");
        assertThat(item.findElement(By.xpath("./following-sibling::span")).getText()).contains("个工作日");
        click(d, item);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit-ACKNOWLEDGE")));
        click(d, d.findElement(By.id("submit-ACKNOWLEDGE")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("submit-ACKNOWLEDGE")));

        d.get(base() + "/?lang=zh-CN");
        assertThat(d.findElements(By.cssSelector("[data-queue='task.workbench.acknowledge'] a[href='/tasks/" + id + "']")))
                .as("acknowledged, the task left the queue").isEmpty();
        assertThat(queue(d, "task.workbench.handle").findElements(By.cssSelector("a[href='/tasks/" + id + "']")))
                .as("and waits to be handled").hasSize(1);
    }

    @Test
    void anEnterpriseReportsTheRectificationItsWorkbenchAsksFor() {
        TestApi api = new TestApi(port);
        String code = EnterpriseFixtures.create(api, "421281", "工作台浏览器测试食品有限公司");
        String user = EnterpriseFixtures.enterpriseUser(api, code, "421281");
        long sample = SpotcheckFixtures.create(api, api.token("chibi"), SpotcheckFixtures.sample(code, "SUPERVISION",
                "FOOD-CAKE", "WB-2026-001", MutableClock.today(port).minusDays(10).toString()));
        SpotcheckFixtures.record(api, api.token("chibi"), sample, false);
        ChromeDriver d = desktop.driver();
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        Browser.login(d, base(), user);
        d.get(base() + "/?lang=zh-CN");
        // its result, the objection it may still raise, and the rectification report it owes
        assertThat(queue(d, "spotcheck.workbench.results").getText()).contains("不合格");
        assertThat(total(queue(d, "spotcheck.workbench.objection"))).isEqualTo(1);
        WebElement owed = queue(d, "spotcheck.workbench.rectification");
        assertThat(total(owed)).isEqualTo(1);
        click(d, owed.findElement(By.cssSelector("a[href='/spotchecks/samples/" + sample + "']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rectification-form")));
        d.findElement(By.id("report-text")).sendKeys("已停止销售该批次，更换原料供应商并加强出厂检验。");
        click(d, d.findElement(By.id("submit-report")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report"), "更换原料供应商"));

        d.get(base() + "/?lang=zh-CN");
        assertThat(d.findElements(By.cssSelector("[data-queue='spotcheck.workbench.rectification']")))
                .as("reported, nothing more is owed").isEmpty();
    }

    @Test
    void aCitizenOnAPhoneFilesAComplaintFromTheFrontDoorAndTracksIt() {
        String phone = ComplaintFixtures.freshPhone();
        ChromeDriver d = Browser.start(390, 844);
        try {
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
            d.get(base() + "/?lang=zh-CN");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("public-services")));
            click(d, d.findElement(By.id("public-complaint")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("facts")));
            d.findElement(By.id("type-COMPLAINT")).click();
            new Select(d.findElement(By.id("category"))).selectByValue("SERVICES");
            d.findElement(By.id("respondentName")).sendKeys("通城县工作台测试理发店");
            new Select(d.findElement(By.id("district"))).selectByValue("421222");
            d.findElement(By.id("facts")).sendKeys("办理的理发会员卡未到期，店铺突然停业且不退余款。");
            d.findElement(By.id("request")).sendKeys("退还余款");
            d.findElement(By.id("name")).sendKeys("钱七");
            d.findElement(By.id("phone")).sendKeys(phone);
            click(d, d.findElement(By.id("submit")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tracking-code")));
            String code = d.findElement(By.id("tracking-code")).getText().trim();
            assertThat(code).matches("T\\d{8}-[0-9A-Z]{6}");

            d.get(base() + "/?lang=zh-CN");
            click(d, d.findElement(By.id("public-track")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
            d.findElement(By.id("code")).sendKeys(code);
            d.findElement(By.id("phone4")).sendKeys(phone.substring(7));
            click(d, d.findElement(By.id("track-submit")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("track-status")));
            assertThat(d.findElement(By.id("track-status")).getText()).isEqualTo("待受理");
            assertThat((Long) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth"))
                    .as("the tracking page fits the phone; too wide: " + ((JavascriptExecutor) d).executeScript(
                            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
                                    + ".slice(-5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '"
                                    + " + Math.round(e.getBoundingClientRect().right)).join('; ') + ' window ' + window.innerWidth"))
                    .isLessThanOrEqualTo(390L);
        } finally {
            d.quit();
        }
    }

    private static WebElement queue(WebDriver d, String key) {
        List<WebElement> found = d.findElements(By.cssSelector("[data-queue='" + key + "']"));
        assertThat(found).as("the workbench shows the queue " + key + " on " + d.getCurrentUrl()).hasSize(1);
        return found.get(0);
    }

    /** The "全部 N 项" count of a queue. */
    private static long total(WebElement queue) {
        Matcher m = ALL.matcher(queue.getText());
        assertThat(m.find()).as(queue.getText()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The layout's main area scrolls on its own: scroll the element into view, then click it by script. */
    private static void click(WebDriver d, WebElement el) {
        ((JavascriptExecutor) d).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'}); arguments[0].click();", el);
    }
}
