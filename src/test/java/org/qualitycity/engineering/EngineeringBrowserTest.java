package org.qualitycity.engineering;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance item 7: 通城县's construction officer records a project's failed first acceptance on the project page
 * and sees E1 of 通城县 turn red on the dashboard.
 */
@QcIntegrationTest
class EngineeringBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aDistrictOfficerRecordsAnAcceptanceAndSeesE1ChangeOnTheDashboard() throws Exception {
        TestApi api = new TestApi(port);
        String admin = api.token("admin");
        String officer = "tczj" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/v1/users", Map.of("username", officer, "displayName", "通城县 住建专干",
                "unitCode", "421222", "password", TestApi.DEMO_PASSWORD, "roles", List.of("DISTRICT_OFFICER")), admin)
                .status()).isEqualTo(201);
        LocalDate today = api.today();
        String quarter = today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1);
        String token = api.token(officer);
        long project = EngineeringFixtures.create(api, token, EngineeringFixtures.project("421222", "PUBLIC_BUILDING",
                25000, Map.of("name", "通城县浏览器测试综合楼", "startDate", today.minusDays(500).toString(),
                        "status", "UNDER_CONSTRUCTION")));

        ChromeDriver driver = Browser.start(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            String base = "http://localhost:" + port;
            Browser.login(driver, base, officer);
            String dashboard = base + "/indicators/dashboard?period=" + quarter + "&area=ENGINEERING&lang=zh-CN";
            driver.get(dashboard);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("matrix")));
            String before = cell(driver);

            // the project page: record the first acceptance, failed
            driver.get(base + "/projects/" + project + "?lang=zh-CN");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acceptance-form")));
            driver.findElement(By.id("passed-false")).click();
            driver.findElement(By.id("acc-note")).sendKeys("外墙渗漏");
            driver.findElement(By.id("acceptance-save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "第 1 次竣工验收不合格"));
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "engineering-project.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

            // the recompute after the acceptance runs in the background: the dashboard shows E1 red once it is done
            new WebDriverWait(driver, Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
                d.get(dashboard);
                return "NOT_MET".equals(status(d));
            });
            String after = cell(driver);
            assertThat(after).as("E1 of 通城县 in " + quarter + " changed (before: " + before + ")").isNotEqualTo(before);
            Files.write(Path.of("target", "screenshots", "engineering-dashboard.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

            // the map: the district's projects as points over the district map, each in the colour of its state
            driver.get(base + "/projects/map");
            wait.until(d -> d.findElements(By.cssSelector("#project-map-points .qc-map-dot")).size() >= 3);
            var dot = driver.findElement(By.cssSelector("#project-map-points .qc-map-dot"));
            assertThat(dot.getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
            var box = driver.findElement(By.id("project-map")).getRect();
            assertThat(dot.getRect().getX()).isBetween(box.getX() - 10, box.getX() + box.getWidth() + 10);
            assertThat(dot.getRect().getY()).isBetween(box.getY() - 10, box.getY() + box.getHeight() + 10);
            Files.write(Path.of("target", "screenshots", "engineering-map.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    private static String cell(org.openqa.selenium.WebDriver driver) {
        var cells = driver.findElements(By.cssSelector("#matrix [data-indicator='E1'][data-unit='421222']"));
        return cells.isEmpty() ? "" : cells.get(0).getText() + "|" + cells.get(0).getAttribute("data-status");
    }

    private static String status(org.openqa.selenium.WebDriver driver) {
        var cells = driver.findElements(By.cssSelector("#matrix [data-indicator='E1'][data-unit='421222']"));
        return cells.isEmpty() ? null : cells.get(0).getAttribute("data-status");
    }
}
