package org.qualitycity.platform;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.SharedBrowser;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 acceptance 2 (item 14): Deque's axe-core, injected into Debian's chromium, finds no serious or critical
 * violation of WCAG 2.1 A/AA (and axe's best practices) on the main pages of each role: the city office, a district
 * officer, an enterprise and a citizen on a phone. A failure lists each violation with its rule, impact, the
 * elements and the help text.
 */
@QcIntegrationTest
class AccessibilityBrowserTest {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    /**
     * Every rule still runs and every violation lists all its elements, but of passing, incomplete and inapplicable
     * rules axe keeps one element each, so that the browser does not serialise, nor Java parse, every passing node.
     */
    private static final AxeRunOptions VIOLATIONS_ONLY = new AxeRunOptions();

    static {
        VIOLATIONS_ONLY.setResultTypes(List.of("violations"));
    }

    /** One desktop browser for the class; each test starts signed out (SharedBrowser clears it before each). */
    @RegisterExtension
    static final SharedBrowser desktop = new SharedBrowser(1440, 900);

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theCityOfficesMainPagesHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        ChromeDriver driver = desktop.driver();
        Browser.login(driver, base(), "admin");
        for (String page : List.of("/", "/indicators/dashboard", "/indicators/warnings", "/plan/indicators",
                "/tasks", "/tasks/timeline", "/assessments", "/units", "/users")) {
            audit(driver, "admin " + page, page, found);
        }
        desktop.signOut();
        ChromeDriver auditor = desktop.driver();
        Browser.login(auditor, base(), "auditadmin");
        audit(auditor, "auditadmin /audit", "/audit", found);
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void aDistrictOfficersMainPagesHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        ChromeDriver driver = desktop.driver();
        Browser.login(driver, base(), "tongcheng");
        for (String page : List.of("/", "/tasks/mine", "/tasks", "/indicators/entry", "/complaints")) {
            audit(driver, "tongcheng " + page, page, found);
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void anEnterprisesMainPagesHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        ChromeDriver driver = desktop.driver();
        Browser.login(driver, base(), "qiye");
        audit(driver, "qiye /", "/", found);
        audit(driver, "qiye /enterprises", "/enterprises", found);
        List<WebElement> own = driver.findElements(By.cssSelector("main a[href^='/enterprises/']"));
        assertThat(own).as("the enterprise finds its own page").isNotEmpty();
        String href = own.get(0).getAttribute("href").substring(base().length());
        audit(driver, "qiye " + href, href, found);
        audit(driver, "qiye /spotchecks/samples", "/spotchecks/samples", found);
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void aCitizensPublicPagesOnAPhoneHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        ChromeDriver driver = Browser.start(390, 844);
        try {
            for (String page : List.of("/", "/public/complaints", "/public/complaints/track", "/public/blacklist",
                    "/public/announcements", "/public/credit", "/public/hot-topics", "/login")) {
                audit(driver, "citizen " + page, page, found);
            }
        } finally {
            driver.quit();
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theMainPagesInEnglishHaveNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        ChromeDriver driver = desktop.driver();
        Browser.login(driver, base(), "admin");
        driver.get(base() + "/?lang=en");
        for (String page : List.of("/", "/indicators/dashboard", "/tasks", "/tasks/timeline", "/units")) {
            audit(driver, "admin en " + page, page, found);
        }
        driver.get(base() + "/?lang=zh-CN");
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    /** Opens a page, lets its scripts run, and adds each serious or critical axe violation to {@code found}. */
    private void audit(WebDriver driver, String label, String path, List<String> found) {
        driver.get(base() + path);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
                "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        assertThat(driver.getCurrentUrl()).as(label + " opened (not sent to the login page)")
                .doesNotContain("/login?").satisfiesAnyOf(u -> assertThat(path).isEqualTo("/login"),
                        u -> assertThat(u).doesNotEndWith("/login"));
        Results results = new AxeBuilder().withOptions(VIOLATIONS_ONLY).analyze(driver);
        for (Rule rule : results.getViolations()) {
            if (rule.getImpact() != null && BLOCKING.contains(rule.getImpact())) {
                List<String> targets = new ArrayList<>();
                rule.getNodes().forEach(n -> targets.add(String.valueOf(n.getTarget())));
                String summary = rule.getNodes().isEmpty() ? "" : String.valueOf(rule.getNodes().get(0).getFailureSummary())
                        .replaceAll("\\s+", " ");
                found.add(label + " — " + rule.getId() + " [" + rule.getImpact() + "] " + targets.subList(0,
                        Math.min(targets.size(), 12)) + (targets.size() > 12 ? " … (" + targets.size() + ")" : "")
                        + " — " + rule.getHelp() + " — " + summary.substring(0, Math.min(summary.length(), 300)));
            }
        }
    }
}
