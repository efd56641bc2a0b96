package org.qualitycity.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

/**
 * One browser of a given window size for all tests of a class (starting chromium and its driver costs seconds per
 * test), each test still starting signed out: before every test the browser's cookies, local and session storage are
 * cleared and it shows a blank page. Register it as a static field of the test class:
 * <pre>{@code
 * @RegisterExtension
 * static final SharedBrowser desktop = new SharedBrowser(1440, 900);
 * ...
 * ChromeDriver d = desktop.driver();   // started on first use, quit after the class
 * }</pre>
 * A test that needs two browsers at once (two users side by side) starts the second with {@link Browser#start}.
 */
public final class SharedBrowser implements BeforeEachCallback, AfterAllCallback {

    private final int width;
    private final int height;
    private ChromeDriver driver;

    public SharedBrowser(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The class's browser, started on first use (a test skips here where chromium is missing, as with Browser). */
    public ChromeDriver driver() {
        if (driver == null) {
            driver = Browser.start(width, height);
        }
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        signOut();
    }

    /**
     * What runs before each test, for a test that changes user half-way: clears every cookie, the local and session
     * storage, and shows a blank page.
     */
    public void signOut() {
        if (driver == null) {
            return;
        }
        try {
            if (driver.getCurrentUrl() != null && driver.getCurrentUrl().startsWith("http")) {
                ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
            }
            // every cookie of every site (session, language, remember-me), not only the current page's
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.get("about:blank");
        } catch (WebDriverException e) {
            // an alert left open or a dead window: the next driver() starts a new browser
            quit();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        quit();
    }

    private void quit() {
        if (driver != null) {
            try {
                driver.quit();
            } catch (WebDriverException e) {
                // already gone
            } finally {
                driver = null;
            }
        }
    }
}
