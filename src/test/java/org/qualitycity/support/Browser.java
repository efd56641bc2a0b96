package org.qualitycity.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's chromium driven by Debian's chromedriver, never a downloaded browser. Where they are
 * missing, browser tests are skipped with a message, except in CI (CI=true), where they must run.
 */
public final class Browser {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";
    /** Chromium's narrowest window; phones (390 px) are emulated inside it. */
    private static final int MIN_WINDOW_WIDTH = 500;

    private Browser() {
    }

    /**
     * Signs in on the login page as a demo user (with the demo password) and, for a demo administrator, types
     * the TOTP code on the second step; waits until the home page shows.
     */
    public static void login(org.openqa.selenium.WebDriver driver, String base, String username) {
        driver.get(base + "/login");
        submitLogin(driver, username);
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base + "/"));
    }

    /** On the login page shown: types a demo user's password and, for an administrator, the TOTP code. */
    public static void submitLogin(org.openqa.selenium.WebDriver driver, String username) {
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(TestApi.DEMO_PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("login-submit")).click();
        String code = TestApi.totp(driver.getCurrentUrl(), username);
        if (code != null) {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login/totp"));
            driver.findElement(org.openqa.selenium.By.id("code")).sendKeys(TestApi.totp(driver.getCurrentUrl(), username));
            driver.findElement(org.openqa.selenium.By.id("totp-submit")).click();
        }
    }

    public static ChromeDriver start(int width, int height) {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + DRIVER
                        + " is missing: .ci/run must install chromium and chromium-driver");
            }
            Assumptions.abort("Browser test skipped: no Debian chromium/chromedriver here "
                    + "(apt-get install chromium chromium-driver to run it)");
        }
        try {
            Path profile = Files.createTempDirectory("qc-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                    "--lang=zh-CN");
            if (width < MIN_WINDOW_WIDTH) {
                // headless chromium will not make a window narrower than 500 px: emulate the phone's screen instead
                options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                        java.util.Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
            }
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
