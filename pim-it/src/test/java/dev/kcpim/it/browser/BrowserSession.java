package dev.kcpim.it.browser;

import dev.kcpim.it.support.TestUser;
import dev.kcpim.it.support.Totp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test (Debian's chromium driven by its chromedriver, both at fixed
 * paths, a fresh profile directory each time), with helpers for Keycloak's login pages and
 * screenshots under target/screenshots. A failing test leaves a FAILED-... screenshot there.
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

    static final String CHROMEDRIVER = System.getProperty("pim.chromedriver", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("pim.chromium", "/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String language;
    private WebDriver driver;
    private WebDriverWait wait;
    private Path profileDir;
    private Path downloadDir;
    /** OTP codes this session has spent per user (Keycloak accepts each code once). */
    private final Map<String, Set<String>> usedCodes = new HashMap<>();

    public BrowserSession() {
        this("en-US");
    }

    public BrowserSession(String language) {
        this.language = language;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        profileDir = Files.createTempDirectory("pim-chromium-");
        downloadDir = Files.createTempDirectory("pim-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profileDir, "--window-size=1400,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", downloadDir.toString(), "download.prompt_for_download", false,
                "download.directory_upgrade", true));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // Headless Chromium may ignore the download preferences; the DevTools command makes downloads land there.
        chrome.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloadDir.toString()));
        driver = chrome;
        wait = new WebDriverWait(driver, TIMEOUT);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (context.getExecutionException().isPresent() && driver != null) {
                screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
            }
        } finally {
            if (driver != null) {
                driver.quit();
            }
            deleteRecursively(profileDir);
            deleteRecursively(downloadDir);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement waitForClickable(By by) {
        return wait.until(ExpectedConditions.elementToBeClickable(by));
    }

    public void waitUntilGone(By by) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    public void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public void waitForUrlEnding(String suffix) {
        wait.until(d -> d.getCurrentUrl().endsWith(suffix));
    }

    /** Waits until the condition holds (for conditions over several elements; a re-rendered element is retried). */
    public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, TIMEOUT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    public void click(By by) {
        waitForClickable(by).click();
    }

    public void type(By by, String text) {
        WebElement element = waitFor(by);
        element.clear();
        element.sendKeys(text);
    }

    /**
     * Selects a field's text and types over it, as a user does. Unlike {@link #type}, no empty value
     * reaches the page in between (a controlled number field may turn "" into its minimum).
     */
    public void replace(By by, String text) {
        WebElement element = waitFor(by);
        element.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    public boolean isPresent(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * The text of a file the page downloaded (e.g. a CSV export), once Chromium has finished writing
     * it. The file is deleted after reading, so a later download of the same name lands under that
     * name again (and not as "name (1)").
     */
    public String downloadedFile(String name) {
        Path file = downloadDir.resolve(name);
        Path partial = downloadDir.resolve(name + ".crdownload");
        new WebDriverWait(driver, TIMEOUT).withMessage("download of " + name + " in " + downloadDir)
                .until(d -> Files.isRegularFile(file) && !Files.exists(partial));
        try {
            String text = Files.readString(file);
            Files.delete(file);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the account console and signs in with username and password on Keycloak's login page. */
    public void loginWithPassword(String accountUrl, TestUser user) {
        open(accountUrl);
        type(By.id("username"), user.username());
        type(By.id("password"), user.password());
        click(By.id("kc-login"));
    }

    /** Signs in with password, then answers the OTP form with a code not spent before; waits for the console. */
    public void loginWithPasswordAndOtp(String accountUrl, TestUser user) {
        loginWithPassword(accountUrl, user);
        type(By.id("otp"), freshCode(user));
        click(By.id("kc-login"));
        waitForConsole();
    }

    /** Waits until the console has rendered its navigation, with the Privileged access group. */
    public void waitForConsole() {
        waitFor(By.id("pim-nav"));
    }

    /**
     * A code of the user's authenticator that this session has not spent yet: the current one, or
     * the next step's, which Keycloak's look-around window accepts too.
     */
    public String freshCode(TestUser user) {
        Set<String> used = usedCodes.computeIfAbsent(user.id(), id -> new HashSet<>());
        String code = Totp.now(user.totpSecret());
        if (used.contains(code)) {
            code = Totp.next(user.totpSecret());
        }
        used.add(code);
        return code;
    }

    /** A six-digit code that is wrong now: none of the codes the server's look-around window accepts. */
    public static String wrongCode(TestUser user) {
        Set<String> valid = Set.of(Totp.previous(user.totpSecret()), Totp.now(user.totpSecret()), Totp.next(user.totpSecret()));
        for (String candidate : List.of("000000", "111111", "222222", "333333")) {
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Saves a PNG of the browser window as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Path dir = screenshotDir();
            Files.createDirectories(dir);
            Path target = dir.resolve(name + ".png");
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path screenshotDir() {
        String workDir = System.getProperty("pim.work.dir");
        Path target = workDir != null ? Path.of(workDir).getParent() : Path.of("target");
        return target.resolve("screenshots");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Chromium may still hold a file for a moment; the temp directory is cleaned by the OS
        }
    }
}
