package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
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

/**
 * Not a test: a tour that screenshots pages for people to look at (and for the README). Run with
 * {@code scripts/screenshot-tour.sh -Dqc.tour.pages=/,/units} (it lives in src/bench/java, compiled only with
 * {@code -Pbench}, so the normal build does not run it); PNGs land in
 * target/screenshots/tour. Needs a CJK font (fonts-noto-cjk) for readable Chinese.
 */
@QcIntegrationTest
@EnabledIfSystemProperty(named = "qc.screenshots", matches = "true")
class ScreenshotTour {

    @LocalServerPort
    int port;

    @Test
    void tour() throws Exception {
        String user = System.getProperty("qc.tour.user", "admin");
        List<String> pages = List.of(System.getProperty("qc.tour.pages",
                "/,/units,/units/421222,/users,/users/new,/roles/1,/audit,/login-log,/calendar,/me").split(","));
        int width = Integer.getInteger("qc.tour.width", 1400);
        int height = Integer.getInteger("qc.tour.height", 900);
        ChromeDriver driver = Browser.start(width, height);
        Path dir = Path.of("target", "screenshots", "tour");
        Files.createDirectories(dir);
        try {
            String base = "http://localhost:" + port;
            driver.get(base + "/login");
            Files.write(dir.resolve("login.png"), driver.getScreenshotAs(OutputType.BYTES));
            org.qualitycity.support.Browser.submitLogin(driver, user);
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(base + "/"));
            for (String lang : List.of("zh-CN", "en")) {
                for (String page : pages) {
                    driver.get(base + page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                    Thread.sleep(Long.getLong("qc.tour.wait", 300));
                    String name = (page.equals("/") ? "home" : page.substring(1).replaceAll("[^A-Za-z0-9]+", "-"))
                            + "-" + lang + ".png";
                    Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
                }
            }
        } finally {
            driver.quit();
        }
    }
}
