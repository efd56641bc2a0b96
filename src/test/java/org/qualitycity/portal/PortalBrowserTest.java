package org.qualitycity.portal;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 acceptance 2 and 3 in headless chromium: the portal's pages on a phone (390×844) and a desktop
 * (1440×900) in both languages, screenshots in {@code target/screenshots/portal}; the big screen for 30 minutes
 * without reloading and without its JS heap growing by more than 20 %.
 */
@QcIntegrationTest
class PortalBrowserTest {

    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    private static final Path SHOTS = Path.of("target", "screenshots", "portal");

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void thePortalRendersOnAPhoneAndADesktopInBothLanguages() throws Exception {
        Files.createDirectories(SHOTS);
        for (int[] size : new int[][]{{390, 844}, {1440, 900}}) {
            ChromeDriver d = Browser.start(size[0], size[1]);
            try {
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
                for (String lang : List.of("zh-CN", "en")) {
                    // the home page in both languages; the other pages in one language per size (time budget)
                    List<String> pages = (size[0] < 500) == lang.equals("en") ? List.of("/")
                            : List.of("/", "/public/credit?q=%E5%92%B8%E5%AE%81", "/public/hot-topics");
                    for (String page : pages) {
                        d.get(base() + page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                        wait.until(x -> "complete".equals(((JavascriptExecutor) x).executeScript("return document.readyState")));
                        assertThat(d.getCurrentUrl()).as(page).doesNotContain("/login");
                        if (page.equals("/")) {
                            assertThat(d.findElement(By.id("portal-figures")).isDisplayed()).isTrue();
                            // the district map is drawn (a canvas inside the map's box)
                            wait.until(x -> !x.findElements(By.cssSelector("#map canvas")).isEmpty());
                            assertThat(d.findElement(By.id("lang-en")).getText()).isEqualTo("English");
                        }
                        Object overflow = d.executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                        assertThat(((Number) overflow).intValue()).as(page + " at " + size[0] + " px: no sideways scrolling")
                                .isLessThanOrEqualTo(0);
                        assertThat(MOBILE.matcher(d.getPageSource()).find()).as("a mobile number on " + page).isFalse();
                        String name = (page.equals("/") ? "home" : page.substring(1).replaceAll("\\?.*", "").replaceAll("[^A-Za-z0-9]+", "-"))
                                + "-" + (lang.startsWith("zh") ? "zh" : "en") + "-" + size[0] + "x" + size[1] + ".png";
                        Files.write(SHOTS.resolve(name), d.getScreenshotAs(OutputType.BYTES));
                    }
                }
            } finally {
                d.quit();
            }
        }
    }

    /**
     * The big screen for 30 minutes, in Chrome DevTools virtual time: with the policy
     * {@code pauseIfNetworkFetchesPending} and a budget of 30 minutes, the page's timers (a data refresh every
     * 60 s, a panel rotation every 15 s, as configured) fire as they would in 30 real minutes, while virtual time
     * stands still whenever a fetch is waiting for the server, so that every refresh really reaches the server and
     * renders its answer. The heap is measured after a forced garbage collection (CDP
     * {@code HeapProfiler.collectGarbage}) once the page has settled (after 2 virtual minutes of warm-up: the
     * charts library and the map are loaded, the first answers rendered), and again at the end of the 30 minutes;
     * the used size comes from {@code Runtime.getHeapUsage} (precise; {@code performance.memory} is quantised in
     * chromium without a command-line flag and is logged beside it). The page must not have reloaded: a marker set
     * on {@code window} before the run is still there.
     */
    @Test
    void theBigScreenRunsThirtyMinutesWithoutReloadingOrGrowingItsHeap() throws Exception {
        Files.createDirectories(SHOTS);
        ChromeDriver d = Browser.start(1920, 1080);
        try {
            Browser.login(d, base(), "admin");
            d.get(base() + "/big-screen?lang=zh-CN");
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60));
            wait.until(x -> ((Number) ((JavascriptExecutor) x).executeScript(
                    "return window.qcBigScreen ? window.qcBigScreen.refreshes : 0")).intValue() >= 1);
            wait.until(x -> !x.findElements(By.cssSelector("#bs-map canvas")).isEmpty());
            d.executeScript("window.qcNotReloaded = true;");

            runVirtualMinutes(d, 2);
            long before = usedHeap(d);
            Map<String, Object> counts = counts(d);
            long refreshesBefore = ((Number) counts.get("refreshes")).longValue();
            long rotationsBefore = ((Number) counts.get("rotations")).longValue();

            runVirtualMinutes(d, 30);
            long after = usedHeap(d);
            counts = counts(d);
            Files.write(SHOTS.resolve("big-screen-1920x1080.png"), d.getScreenshotAs(OutputType.BYTES));

            assertThat(d.executeScript("return window.qcNotReloaded === true")).as("not reloaded").isEqualTo(true);
            assertThat(((Number) counts.get("refreshes")).longValue() - refreshesBefore).as("refreshes in 30 minutes")
                    .isGreaterThanOrEqualTo(29);
            assertThat(((Number) counts.get("rotations")).longValue() - rotationsBefore).as("rotations in 30 minutes")
                    .isGreaterThanOrEqualTo(119);
            assertThat(((Number) counts.get("errors")).longValue()).as("failed refreshes").isZero();
            System.out.printf("big screen heap: %d bytes before, %d after 30 virtual minutes (%+.1f %%); %s%n", before,
                    after, 100.0 * (after - before) / before, counts);
            assertThat(after).as("heap after 30 minutes vs before").isLessThanOrEqualTo((long) (before * 1.2));
        } finally {
            d.quit();
        }
    }

    /** Lets {@code minutes} of virtual time pass (timers fire, fetches complete) and waits until they have. */
    private static void runVirtualMinutes(ChromeDriver d, int minutes) {
        d.executeScript("window.qcVirtualStart = Date.now();");
        d.executeCdpCommand("Emulation.setVirtualTimePolicy", Map.of("policy", "pauseIfNetworkFetchesPending",
                "budget", minutes * 60_000));
        long target = minutes * 60_000L;
        new WebDriverWait(d, Duration.ofMinutes(3)).pollingEvery(Duration.ofMillis(500)).until(x ->
                ((Number) ((JavascriptExecutor) x).executeScript("return Date.now() - window.qcVirtualStart"))
                        .longValue() >= target - 1000);
    }

    private static long usedHeap(ChromeDriver d) {
        d.executeCdpCommand("HeapProfiler.enable", Map.of());
        d.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        d.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        Map<String, Object> usage = d.executeCdpCommand("Runtime.getHeapUsage", Map.of());
        Object perf = d.executeScript("return performance.memory ? performance.memory.usedJSHeapSize : null");
        System.out.println("heap: Runtime.getHeapUsage " + usage + ", performance.memory.usedJSHeapSize " + perf);
        return ((Number) usage.get("usedSize")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(ChromeDriver d) {
        return (Map<String, Object>) d.executeScript("var s = window.qcBigScreen; "
                + "return {refreshes: s.refreshes, rotations: s.rotations, errors: s.errors};");
    }
}
