package org.qualitycity.report;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
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

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, acceptance 4: the quality office generates the white paper (watching its progress), edits the closing
 * chapter, publishes it after confirming, and a citizen on a phone downloads it from the public reports page that
 * the portal links to; the downloaded document holds the office's text.
 */
@QcIntegrationTest
class ReportJourneyBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void officeGeneratesEditsPublishesAndTheCitizenDownloads() throws Exception {
        String base = "http://localhost:" + port;
        int year = new TestApi(port).today().getYear() - 1;
        String closing = "浏览器测试：明年将重点提升地产农产品抽检合格率。";
        String id;
        ChromeDriver office = Browser.start(1440, 900);
        try {
            WebDriverWait wait = new WebDriverWait(office, Duration.ofSeconds(30));
            Browser.login(office, base, "admin");
            office.get(base + "/reports?lang=zh-CN");
            WebElement y = office.findElement(By.id("wp-year"));
            y.clear();
            y.sendKeys(String.valueOf(year));
            click(office, "generate-white-paper");
            wait.until(ExpectedConditions.urlMatches(".*/reports/\\d+$"));
            id = office.getCurrentUrl().replaceAll(".*/reports/(\\d+)$", "$1");
            // the progress block polls until the document is ready (generation takes a while on a loaded machine)
            new WebDriverWait(office, Duration.ofSeconds(240)).until(d -> !d.findElements(
                    By.cssSelector("#report-progress[data-status='DRAFT']")).isEmpty());
            office.get(base + "/reports/" + id + "?lang=zh-CN");
            WebElement text = office.findElement(By.id("text-closing"));
            text.clear();
            text.sendKeys(closing);
            click(office, "save-closing");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chapter-closing .badge"), "已修改"));
            assertThat(office.findElement(By.id("text-closing")).getAttribute("value")).isEqualTo(closing);
            click(office, "publish");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("publish-confirmed")));
            click(office, "publish-confirmed");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-status"), "已发布"));
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "report-published.png"),
                    office.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            office.quit();
        }

        ChromeDriver citizen = Browser.start(390, 844);
        String href;
        try {
            citizen.get(base + "/public/reports?lang=zh-CN");
            WebElement link = citizen.findElement(By.cssSelector("#published-reports li[data-id='" + id + "'] a.qc-download"));
            href = link.getAttribute("href");
            Files.write(Path.of("target", "screenshots", "report-public-phone.png"),
                    citizen.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertThat(citizen.findElements(By.cssSelector("#published-reports li[data-id='" + id + "']")).get(0).getText())
                    .contains(year + "年质量白皮书");
        } finally {
            citizen.quit();
        }
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).contains("wordprocessingml");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(download.body()))) {
            assertThat(doc.getParagraphs().stream().map(XWPFParagraph::getText).toList()).contains(closing);
        }
    }

    private static void click(ChromeDriver d, String id) {
        var el = d.findElement(By.id(id));
        d.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", el);
        el.click();
    }
}
