package org.qualitycity.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.TestApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Not a test: the page-weight benchmark of issue 13 ("dashboard page, first visit"). Debian's chromium,
 * throttled through the DevTools protocol to 1.6 Mbps down, 750 kbps up and 150 ms latency, opens the
 * indicator dashboard of a running server ({@code -Dqc.bench.url}) with an empty cache (first visit), then
 * again (repeat visit), and reports the bytes transferred (Resource Timing {@code transferSize}: headers and
 * compressed bodies, 0 for cache hits), DOM ready ({@code domContentLoadedEventEnd}) and the time until both
 * charts are drawn. Run by {@code scripts/bench-web.sh}; writes target/bench/page-weight.md.
 */
@EnabledIfSystemProperty(named = "qc.bench.url", matches = "http.*")
class PageWeightBenchmark {

    static final String DASHBOARD = "/indicators/dashboard";

    @Test
    void dashboardPageWeight() throws Exception {
        String base = System.getProperty("qc.bench.url");
        String user = System.getProperty("qc.bench.user", "auditor");
        int runs = Integer.getInteger("qc.bench.runs", 3);
        StringBuilder out = new StringBuilder("| run | visit | bytes transferred | requests | DOM ready ms | charts drawn ms |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        ChromeDriver driver = Browser.start(1440, 900);
        try {
            driver.get(base + "/login");
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(System.getProperty("qc.bench.password", TestApi.DEMO_PASSWORD));
            driver.findElement(By.id("login-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));

            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 150,
                    "downloadThroughput", 1_600_000 / 8, "uploadThroughput", 750_000 / 8));
            for (int run = 1; run <= runs; run++) {
                driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                out.append(measure(driver, base, run, "first"));
                out.append(measure(driver, base, run, "repeat"));
            }
        } finally {
            driver.quit();
        }
        Path file = Path.of("target/bench/page-weight.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        System.out.println(out);
    }

    @SuppressWarnings("unchecked")
    private static String measure(ChromeDriver driver, String base, int run, String visit) {
        driver.get(base + DASHBOARD);
        new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(50)).until(d ->
                d.findElements(By.cssSelector("#map canvas")).size() > 0 && d.findElements(By.cssSelector("#trend canvas")).size() > 0);
        Map<String, Object> m = (Map<String, Object>) driver.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                const res = performance.getEntriesByType('resource');
                let bytes = nav.transferSize;
                for (const r of res) bytes += r.transferSize;
                const drawn = performance.now();
                return {bytes: bytes, requests: res.length + 1, domReady: nav.domContentLoadedEventEnd, drawn: drawn};
                """);
        return "| %d | %s | %,d | %s | %.0f | %.0f |%n".formatted(run, visit, ((Number) m.get("bytes")).longValue(),
                m.get("requests"), ((Number) m.get("domReady")).doubleValue(), ((Number) m.get("drawn")).doubleValue());
    }

}
