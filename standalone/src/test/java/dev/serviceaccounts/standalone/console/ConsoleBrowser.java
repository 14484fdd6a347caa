package dev.serviceaccounts.standalone.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the admin console, from the system's packages ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; {@code .ci/run} installs {@code chromium chromium-driver}): both named explicitly, so
 * that Selenium Manager downloads nothing, and the background networking that hangs in a closed network turned off.
 * Without them the tests are skipped with a message, unless {@code SA_REQUIRE_ALL_TOOLS=1} (set by {@code .ci/run}),
 * which fails them instead. Screenshots go to {@code target/console-screenshots/}, and with
 * {@code -Dconsole.screenshots=docs} also to {@code docs/console/} (the README shows those).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path DOCS_SCREENSHOTS = Path.of("..", "docs", "console");

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** @return a new browser; skips (or with SA_REQUIRE_ALL_TOOLS=1 fails) the test when Chromium is missing */
    static ConsoleBrowser start() {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is missing (Debian package chromium)"
                : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER + " is missing (Debian package chromium-driver)" : null;
        if (missing != null) {
            String message = "The console's browser tests need headless Chromium: " + missing;
            if ("1".equals(System.getenv("SA_REQUIRE_ALL_TOOLS"))) {
                throw new AssertionError(message + " (SA_REQUIRE_ALL_TOOLS=1: a missing tool fails)");
            }
            System.err.println(message + "; skipped");
            Assumptions.abort(message);
        }
        try {
            Path profile = Files.createTempDirectory("console-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-default-apps", "--disable-extensions", "--password-store=basic",
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 900));
            return new ConsoleBrowser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens the console afresh: a new page load, so nothing of a former sign-in is left in memory. */
    void open(String queryUrl) {
        driver.get(queryUrl + "/console/");
        await(ExpectedConditions.visibilityOfElementLocated(By.id("signin-client-id")));
    }

    /** Signs in by typing the credentials and pressing Enter, then waits for the first page after it. */
    void signIn(String clientId, String secret) {
        type(By.id("signin-client-id"), clientId);
        WebElement secretField = driver.findElement(By.id("signin-client-secret"));
        secretField.sendKeys(secret);
        secretField.sendKeys(Keys.ENTER);
        await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    void type(By field, String text) {
        WebElement element = await(ExpectedConditions.elementToBeClickable(field));
        element.clear();
        element.sendKeys(text);
    }

    /** Clicks the element once it is clickable (again, when the page re-rendered it meanwhile). */
    void click(By target) {
        await(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(target).apply(d);
            if (element == null) {
                return null;
            }
            element.click();
            return true;
        });
    }

    WebElement find(By target) {
        return await(ExpectedConditions.visibilityOfElementLocated(target));
    }

    /** Waits until the element's text contains {@code text}. */
    void awaitText(By target, String text) {
        await(ExpectedConditions.textToBePresentInElementLocated(target, text));
    }

    /** Waits for {@code condition}; when it never holds, the failure shows the page's text and a screenshot. */
    <T> T await(Function<? super WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.write(SCREENSHOTS.resolve("failure-" + System.currentTimeMillis() + ".png"),
                        driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException | RuntimeException ignored) {
                // the failure below says what went wrong; the picture is a help only
            }
            throw new AssertionError(e.getMessage().lines().findFirst().orElse("") + "\n  the page shows: "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** @return the id of the focused element */
    String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    /** Presses Tab (no more than 60 times) until the element with {@code id} has the focus. */
    void tabTo(String id) {
        for (int i = 0; i < 60 && !id.equals(focusedId()); i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        if (!id.equals(focusedId())) {
            throw new AssertionError("Tab never reached #" + id + "; the focus is on #" + focusedId());
        }
    }

    /** Sends keys to the focused element. */
    void keys(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    /** @return everything the page's storage holds: local and session storage, and the cookies, as text */
    String storage() {
        Object stored = ((JavascriptExecutor) driver).executeScript(
                "const all = [];"
                        + "for (const s of [localStorage, sessionStorage]) {"
                        + "  for (let i = 0; i < s.length; i++) { all.push(s.key(i) + '=' + s.getItem(s.key(i))); } }"
                        + "all.push(document.cookie); return all.join('\\n');");
        return String.valueOf(stored);
    }

    /** Writes a PNG of the page as it is now, named {@code name}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            if ("docs".equals(System.getProperty("console.screenshots"))) {
                Files.createDirectories(DOCS_SCREENSHOTS);
                Files.copy(file, DOCS_SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the texts of the elements {@code target} finds */
    List<String> texts(By target) {
        return driver.findElements(target).stream().map(WebElement::getText).toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
