package org.qualitycity.task;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 6: 通城县's officer acknowledges a task, reports progress with a file and sees it on the timeline. */
@QcIntegrationTest
class TaskBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void districtOfficerAcknowledgesReportsProgressWithAFileAndSeesItOnTheTimeline() throws Exception {
        TestApi api = new TestApi(port);
        String title = "通城县浏览器测试任务";
        long id = TaskTestSupport.createTask(api, "421222", title, LocalDate.of(2032, 12, 31));
        assertThat(TaskTestSupport.act(api, id, "admin", "ASSIGN", null, null, null).status()).isEqualTo(200);
        Path pdf = Files.createTempFile("evidence-", ".pdf");
        Files.write(pdf, TaskTestSupport.pdf());

        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String base = "http://localhost:" + port;
            driver.get(base + "/login");
            org.qualitycity.support.Browser.submitLogin(driver, "tongcheng");
            wait.until(ExpectedConditions.urlToBe(base + "/"));

            driver.get(base + "/tasks/mine?lang=zh-CN&size=200");
            driver.findElement(By.linkText(title)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit-ACKNOWLEDGE")));
            assertThat(driver.findElement(By.id("task-state")).getText()).isEqualTo("已交办");
            driver.findElement(By.id("submit-ACKNOWLEDGE")).click();
            wait.until(ExpectedConditions.textToBe(By.id("task-state"), "已签收"));

            driver.findElement(By.id("percent-PROGRESS")).sendKeys("40");
            driver.findElement(By.id("comment-PROGRESS")).sendKeys("已完成全县质量状况摸底，形成调查报告");
            driver.findElement(By.id("file-PROGRESS")).sendKeys(pdf.toAbsolutePath().toString());
            driver.findElement(By.id("submit-PROGRESS")).click();
            wait.until(ExpectedConditions.textToBe(By.id("task-state"), "办理中"));
            assertThat(driver.findElement(By.id("task-percent")).getText()).isEqualTo("40%");
            String history = driver.findElement(By.id("task-timeline")).getText();
            assertThat(history).contains("签收").contains("报送进展").contains("40%").contains("形成调查报告");
            assertThat(driver.findElement(By.id("task-files")).getText()).contains(pdf.getFileName().toString());

            driver.get(base + "/tasks/timeline");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bar-" + id)));
            String bar = driver.findElement(By.id("bar-" + id)).getText();
            assertThat(bar).contains(title).contains("40%");
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "task-timeline.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            driver.quit();
            Files.deleteIfExists(pdf);
        }
        // the same steps are in the API's history and the audit trail
        var detail = api.get("/api/v1/tasks/" + id, api.token("tongcheng")).json();
        assertThat(detail.get("task").get("percent").asInt()).isEqualTo(40);
        assertThat(detail.get("attachmentIds")).hasSize(1);
    }
}
