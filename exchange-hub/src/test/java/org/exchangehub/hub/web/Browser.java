package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (never a downloaded one: Selenium Manager is not
 * consulted when both paths are given). After every page it checks what a person would notice: no SEVERE entry in the
 * browser console, a {@code lang} on the page, a label for every form control, alt text on images, and text contrast
 * of at least 4.5:1 (3:1 for large text).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final java.util.concurrent.atomic.AtomicLong LEAVING = new java.util.concurrent.atomic.AtomicLong();

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A fresh browser (its own profile) for a hub at {@code base}, e.g. {@code http://localhost:41234}. */
    static Browser start(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does this on a fresh machine)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // the tests may run as root (CI containers)
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-extensions",
                "--no-first-run",
                "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, base);
    }

    String base() {
        return base;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the hub (or a full URL) and checks the page. */
    Browser open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return checked();
    }

    /** Opens a page that is expected to answer with an error status (4xx): exactly that console error is allowed. */
    Browser openExpectingError(String path) {
        driver.get(base + path);
        return checkedExpectingErrorStatus();
    }

    /** Clicks (a link or a submit button), waits for the page it leads to, and checks it. */
    Browser click(By by) {
        clickAndWaitForNewPage(by);
        return checked();
    }

    /** Clicks a button whose answer is expected to be an error status (4xx, a refused form). */
    Browser clickExpectingError(By by) {
        clickAndWaitForNewPage(by);
        return checkedExpectingErrorStatus();
    }

    /** Puts text into a field as a paste would (one event, not a keystroke per character). */
    Browser paste(By by, String text) {
        WebElement field = driver.findElement(by);
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, text);
        return this;
    }

    Browser type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Waits (at most 10 s) until the current URL satisfies {@code condition}, then checks the page. */
    Browser waitForUrl(Predicate<String> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> condition.test(d.getCurrentUrl()));
        waitForPage();
        return checked();
    }

    /** Saves the whole page as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Object height =
                ((JavascriptExecutor) driver).executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        Dimension before = driver.manage().window().getSize();
        driver.manage()
                .window()
                .setSize(new Dimension(before.getWidth(), Math.min(6000, ((Number) height).intValue() + 40)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The SEVERE console entries since the last check (reading them empties the browser's buffer). */
    List<String> severeConsoleEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    void deleteCookie(String name) {
        driver.manage().deleteCookieNamed(name);
    }

    void deleteAllCookies() {
        driver.manage().deleteAllCookies();
    }

    /**
     * Clicks and waits until the page the click leaves is gone and the new one has loaded: without the first wait, a
     * check could run against the page the click is leaving.
     *
     * <p>The page being left is recognised by a mark put on its {@code window} just before the click, not by holding
     * one of its elements: a new document comes with a new {@code window}, so the mark is gone exactly when the new page
     * has replaced the old one. Asking whether an element of the old page is stale ({@code
     * ExpectedConditions.stalenessOf}) sends that element's reference to Chromium while the document is being swapped
     * (the more so when a POST answers with a redirect, as the login and every form here do), and chromedriver then
     * answers with "unknown error: Node with given id does not belong to the document" instead of a stale element: the
     * wait does not take that for "gone" and the test failed (2 runs of 5 under load).
     */
    private void clickAndWaitForNewPage(By by) {
        String mark = "hub-test-leaving-" + LEAVING.incrementAndGet();
        ((JavascriptExecutor) driver).executeScript("window.hubTestLeaving = arguments[0];", mark);
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .withMessage("the click on " + by + " did not load a new page")
                .until(d -> !mark.equals(((JavascriptExecutor) d).executeScript("return window.hubTestLeaving;")));
        waitForPage();
    }

    /**
     * Checks a page that answered with an error status. Chromium reports the status as a console entry ("Failed to load
     * resource: the server responded with a status of 400") that can arrive a moment after the page has loaded; it is
     * waited for here (up to 15 s), so that it is neither missed nor left behind for the next page's check.
     */
    private Browser checkedExpectingErrorStatus() {
        Predicate<String> errorStatus =
                message -> message.contains("Failed to load resource") && message.matches("(?s).*status of 4\\d\\d.*");
        List<String> entries = new ArrayList<>();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(100)).until(d -> {
                entries.addAll(severeConsoleEntries());
                return entries.stream().anyMatch(errorStatus);
            });
        } catch (TimeoutException e) {
            // the assertion below says so, with the entries that did arrive
        }
        assertThat(entries)
                .as("the console entry for the error status of %s", driver.getCurrentUrl())
                .anyMatch(errorStatus);
        return check(entries.stream().filter(errorStatus.negate()).toList());
    }

    private void waitForPage() {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private Browser checked() {
        return check(severeConsoleEntries());
    }

    private Browser check(List<String> errors) {
        assertThat(errors)
                .as("SEVERE browser console entries on %s", driver.getCurrentUrl())
                .isEmpty();
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) ((JavascriptExecutor) driver).executeScript(ACCESSIBILITY);
        assertThat(problems)
                .as("accessibility problems on %s", driver.getCurrentUrl())
                .isEmpty();
        return this;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * Basic checks a person with a screen reader, a keyboard or weak sight depends on: the page's language, a label
     * for every control, alt text, and WCAG contrast of visible text against the background it is drawn on.
     */
    private static final String ACCESSIBILITY = """
            var problems = [];
            var lang = document.documentElement.getAttribute('lang');
            if (!lang) { problems.push('<html> has no lang'); }
            document.querySelectorAll('input, select, textarea').forEach(function (el) {
              if (['hidden', 'submit', 'button'].indexOf(el.type) >= 0) { return; }
              var labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]'))
                  || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
              if (!labelled) { problems.push('no label for ' + (el.id || el.name || el.outerHTML.slice(0, 80))); }
            });
            document.querySelectorAll('img').forEach(function (img) {
              if (!img.hasAttribute('alt')) { problems.push('no alt on ' + img.getAttribute('src')); }
            });
            document.querySelectorAll('button, a').forEach(function (el) {
              if (el.offsetParent !== null && !el.textContent.trim() && !el.getAttribute('aria-label')) {
                problems.push('no text on ' + el.outerHTML.slice(0, 80));
              }
            });
            function rgba(text) {
              var m = text.match(/rgba?\\(([^)]+)\\)/);
              if (!m) { return null; }
              var p = m[1].split(',').map(function (x) { return parseFloat(x); });
              return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
            }
            function luminance(c) {
              var v = [c.r, c.g, c.b].map(function (x) {
                x = x / 255;
                return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
              });
              return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            }
            function background(el) {
              for (var e = el; e; e = e.parentElement) {
                var c = rgba(getComputedStyle(e).backgroundColor);
                if (c && c.a > 0.5) { return c; }
              }
              return { r: 255, g: 255, b: 255, a: 1 };
            }
            var checked = 0;
            document.querySelectorAll('body *').forEach(function (el) {
              if (checked > 3000 || el.closest('svg') || el.offsetParent === null) { return; }
              var own = Array.prototype.some.call(el.childNodes, function (n) {
                return n.nodeType === 3 && n.textContent.trim().length > 0;
              });
              if (!own) { return; }
              checked++;
              var style = getComputedStyle(el);
              var fg = rgba(style.color);
              if (!fg) { return; }
              var l1 = luminance(fg), l2 = luminance(background(el));
              var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
              var needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
              if (ratio < needed) {
                problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ' for "'
                    + el.textContent.trim().slice(0, 40) + '"');
              }
            });
            return problems;
            """;
}
