package org.qualitycity.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qualitycity.support.Browser;
import org.qualitycity.support.QcIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a tour that screenshots the main pages of every kind of user, in Chinese and English, on a desktop
 * (1440×900) and a phone (390×844), for people to look at and for the README. Run with
 * {@code scripts/screenshot-tour.sh} (it lives in src/bench/java, compiled only with {@code -Pbench}); PNGs land in
 * target/screenshots/tour/&lt;role&gt;/&lt;page&gt;-&lt;lang&gt;-&lt;size&gt;.png. Options: {@code -Dqc.tour.roles=district,citizen},
 * {@code -Dqc.tour.sizes=1440x900}, {@code -Dqc.tour.langs=en}. Needs a CJK font (fonts-noto-cjk) for readable Chinese.
 */
@QcIntegrationTest
@EnabledIfSystemProperty(named = "qc.screenshots", matches = "true")
class ScreenshotTour {

    /** Each role: its demo account (null: not logged in) and its main pages. */
    private record Role(String user, List<String> pages) {
    }

    private static final Map<String, Role> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("city-office", new Role("admin", List.of("/", "/indicators/dashboard", "/indicators/warnings",
                "/indicators/review", "/tasks", "/tasks/timeline", "/assessments", "/complaints", "/complaints/stats",
                "/spotchecks/samples", "/enterprises", "/plan/overview", "/plan/indicators", "/units", "/jobs",
                "/projects/map", "/surveys", "/reports", "/monitoring", "/environment/stations?profile=AIR_STATION",
                "/environment/stations?profile=WATER_SECTION", "/elevators", "/elevators/rescue-orders",
                "/traceability/batches", "/portal/hot-topics", "/big-screen", "/environment/energy", "/surveys/panels",
                "/surveys/peers")));
        ROLES.put("security-admin", new Role("secadmin", List.of("/", "/roles", "/users")));
        ROLES.put("audit-admin", new Role("auditadmin", List.of("/audit", "/login-log")));
        ROLES.put("district", new Role("tongcheng", List.of("/", "/tasks/mine", "/tasks/notices", "/indicators/entry",
                "/complaints", "/spotchecks/follow-ups", "/indicators/dashboard", "/projects", "/elevators/rescue-orders",
                "/traceability/batches")));
        ROLES.put("market-regulator", new Role("scjg", List.of("/", "/enterprises", "/spotchecks/random-draws",
                "/spotchecks/random-draws/new",
                "/licence-catalogue", "/licence-catalogue/uncovered", "/export-notifications")));
        ROLES.put("housing-bureau", new Role("zhujian", List.of("/", "/projects", "/projects/map", "/projects/new")));
        ROLES.put("enterprise", new Role("qiye", List.of("/", "/spotchecks/samples", "/enterprises")));
        ROLES.put("citizen", new Role(null, List.of("/", "/login", "/public/complaints", "/public/complaints/track",
                "/public/announcements", "/public/blacklist", "/public/credit", "/public/hot-topics", "/public/scan", "/public/surveys", "/public/reports",
                "/public/random-draws")));
    }

    @LocalServerPort
    int port;

    @Test
    void tour() throws Exception {
        List<String> roles = Arrays.asList(System.getProperty("qc.tour.roles", String.join(",", ROLES.keySet())).split(","));
        List<String> sizes = Arrays.asList(System.getProperty("qc.tour.sizes", "1440x900,390x844").split(","));
        List<String> langs = Arrays.asList(System.getProperty("qc.tour.langs", "zh-CN,en").split(","));
        String base = "http://localhost:" + port;
        for (String size : sizes) {
            int width = Integer.parseInt(size.split("x")[0]);
            int height = Integer.parseInt(size.split("x")[1]);
            for (String name : roles) {
                Role role = ROLES.get(name);
                Path dir = Path.of("target", "screenshots", "tour", name);
                Files.createDirectories(dir);
                ChromeDriver driver = Browser.start(width, height);
                try {
                    if (role.user() != null) {
                        Browser.login(driver, base, role.user());
                    }
                    for (String lang : langs) {
                        for (String page : role.pages()) {
                            driver.get(base + page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                            Thread.sleep(Long.getLong("qc.tour.wait", 600)); // charts draw after the page is ready
                            String file = (page.equals("/") ? "home" : page.substring(1).replaceAll("[^A-Za-z0-9]+", "-"))
                                    + "-" + (lang.startsWith("zh") ? "zh" : "en") + "-" + size + ".png";
                            Files.write(dir.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
                        }
                    }
                } finally {
                    driver.quit();
                }
            }
        }
    }
}
