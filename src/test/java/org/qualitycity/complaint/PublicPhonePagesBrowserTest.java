package org.qualitycity.complaint;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 (complaints): an anonymous visitor on a 390×844 phone opens the ☰ menu without a script error (read from
 * the browser's log) and reads the public pages without sideways scrolling.
 */
@QcIntegrationTest
class PublicPhonePagesBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void anAnonymousVisitorOpensTheMenuAndThePublicPagesFitAPhone() {
        String base = "http://localhost:" + port;
        ChromeDriver phone = Browser.start(390, 844);
        try {
            // headless chromium keeps a window at least 500 px wide: emulate the phone's viewport itself
            phone.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
            WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(20));
            phone.get(base + "/public/complaints?lang=zh-CN");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-bs-target='#qc-sidebar']")));
            // the scripts are deferred: wait until bootstrap has been loaded before clicking
            wait.until(d -> Boolean.TRUE.equals(phone.executeScript("return !!window.bootstrap")));
            errors(phone);
            phone.findElement(By.cssSelector("button[data-bs-target='#qc-sidebar']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#qc-sidebar a[href='/public/blacklist']")));
            assertThat(errors(phone)).as("script errors when opening the menu").isEmpty();
            phone.findElement(By.cssSelector("#qc-sidebar a[href='/public/blacklist']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("blacklist")));
            assertThat(phone.findElements(By.cssSelector("#blacklist tbody tr td[data-label]"))).as("demo listings").isNotEmpty();
            assertFits(phone, "/public/blacklist");
            for (String path : new String[]{"/public/blacklist?lang=en", "/public/announcements?lang=zh-CN",
                    "/public/announcements?lang=en", "/public/complaints?lang=zh-CN", "/public/complaints/track?lang=en"}) {
                phone.get(base + path);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
                assertFits(phone, path);
            }
            assertThat(errors(phone)).as("script errors on the public pages").isEmpty();
        } finally {
            phone.quit();
        }
    }

    private static void assertFits(ChromeDriver d, String path) {
        assertThat(((Number) d.executeScript("return document.documentElement.clientWidth")).intValue()).as("viewport")
                .isEqualTo(390);
        Number width = (Number) d.executeScript("return document.documentElement.scrollWidth");
        Object wide = d.executeScript("return Array.from(document.querySelectorAll('body *'))"
                + ".filter(function (e) { return e.getBoundingClientRect().right > 390; })"
                + ".slice(0, 8).map(function (e) { return e.tagName + '.' + e.className + '#' + e.id + ' '"
                + " + Math.round(e.getBoundingClientRect().right); }).join('; ')");
        assertThat(width.intValue()).as(path + " scrollWidth; too wide: " + wide).isLessThanOrEqualTo(390);
    }

    /** The severe entries of the browser's log since the last call (uncaught script errors, failed loads). */
    private static List<String> errors(ChromeDriver d) {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // the favicon is another part of issue 12 (a missing one is no script error)
                .filter(e -> !e.getMessage().contains("/favicon.ico")).map(LogEntry::toString).toList();
    }
}
