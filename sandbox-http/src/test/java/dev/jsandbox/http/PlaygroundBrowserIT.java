package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real browser: Debian's headless Chromium, driven by its chromedriver, against the server on a
 * loopback port over a real Docker sandbox. Every wait is an explicit one with a deadline.
 *
 * <p>Chromium comes from {@code docker/ensure-browser.sh} (run by {@code test.sh}). Without it the test is skipped
 * on a developer's machine and fails under {@code CI=true}.
 */
@RequiresDocker
class PlaygroundBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Compiling Java or C++ on a loaded two-core machine takes a while; this is a deadline, not a pause. */
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(120);

    private static DockerSandbox sandbox;
    private static TestServer server;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "Chromium or chromedriver is missing; install them with docker/ensure-browser.sh";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        // The product's limits, as every user of the page gets them.
        sandbox = DockerSandbox.builder().build();
        server = TestServer.start(sandbox);
        profile = Files.createTempDirectory("jsandbox-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The closed network makes Chromium hang on its background services: every one is off.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.elementToBeClickable(By.id("run")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static WebDriverWait waitUpTo(Duration deadline) {
        return new WebDriverWait(browser, deadline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "python, Hello from Python",
        "javascript, Hello from JavaScript",
        "typescript, Hello from TypeScript",
        "java, Hello from Java",
        "c, Hello from C",
        "cpp, Hello from C++",
        "go, Hello from Go",
        "html, Hello from HTML: the script found the heading",
        "css, Hello from CSS"
    })
    void eachLanguagesStarterRunsAndShowsItsOutput(String language, String greeting) {
        pick(language);
        assertFalse(editorText().isBlank(), "the starter is in the editor");
        assertTrue(browser.findElements(By.cssSelector(".CodeMirror .cm-keyword, .CodeMirror .cm-tag,"
                + " .CodeMirror .cm-property, .CodeMirror .cm-string")).size() > 0, "the editor highlights");
        run();
        awaitResult();
        assertEquals("SUCCESS", text("result-status"), () -> language + " after " + text("result-time") + ", output: "
                + text("output"));
        assertTrue(text("output").contains(greeting), () -> language + " output: " + text("output"));
        assertEquals("0", text("result-exit"));
        assertTrue(text("result-time").endsWith("ms") || text("result-time").contains("ms"), text("result-time"));
    }

    @Test
    void withoutAnApiKeyConfiguredThePageAsksForNone() {
        assertFalse(browser.findElement(By.id("api-key-form")).isDisplayed());
    }

    @Test
    void aServerWithAnApiKeyIsAskedForItAndTheKeyIsUsed() {
        String key = "playground-test-key-0123456789";
        try (TestServer keyed = TestServer.start(new FakeSandbox(),
                SandboxApiOptions.builder().apiKey(key).build())) {
            browser.get("http://127.0.0.1:" + keyed.port() + "/");
            waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            assertFalse(browser.findElement(By.id("run")).isEnabled());
            browser.findElement(By.id("api-key")).sendKeys("wrong-key-wrong-key-wrong", Keys.ENTER);
            waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("status"),
                    "That API key was refused."));
            browser.findElement(By.id("api-key")).sendKeys(key, Keys.ENTER);
            waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.id("run")));
            assertFalse(browser.findElement(By.id("api-key-form")).isDisplayed());
            assertEquals("fake", new Select(browser.findElement(By.id("language"))).getFirstSelectedOption()
                    .getAttribute("value"));
            setEditorText("echoed by the fake sandbox");
            run();
            awaitResult();
            assertEquals("SUCCESS", text("result-status"));
            assertEquals("echoed by the fake sandbox", text("output"));
        } finally {
            ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
            browser.get("http://127.0.0.1:" + server.port() + "/");
            waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.elementToBeClickable(By.id("run")));
        }
    }

    @Test
    void standardInputAndArgumentsReachTheProgramAndCtrlEnterRuns() {
        pick("python");
        type("stdin", "first line\nsecond line\n");
        type("args", "--flag\ntwo words\n");
        browser.findElement(By.cssSelector(".CodeMirror textarea")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        awaitResult();
        String output = text("output");
        assertTrue(output.contains("you typed: first line\nyou typed: second line"), output);
        assertTrue(output.contains("argument: --flag\nargument: two words"), output);
        type("stdin", "");
        type("args", "");
    }

    @Test
    void aCompileErrorShowsTheCompilerOutput() {
        pick("c");
        setEditorText("int main(void) {\n    return missing_name\n}\n");
        run();
        awaitResult();
        assertEquals("COMPILE_ERROR", text("result-status"));
        String compileOutput = browser.findElements(By.cssSelector("#output .compile")).stream()
                .map(WebElement::getText).reduce("", String::concat);
        assertTrue(compileOutput.contains("error"), compileOutput);
        assertTrue(compileOutput.contains("missing_name"), compileOutput);
    }

    @Test
    void anInterpretedSyntaxErrorShowsTheErrorOutput() {
        pick("python");
        setEditorText("print('unclosed'\n");
        run();
        awaitResult();
        assertEquals("RUNTIME_ERROR", text("result-status"));
        String stderr = browser.findElements(By.cssSelector("#output .stderr")).stream()
                .map(WebElement::getText).reduce("", String::concat);
        assertTrue(stderr.contains("SyntaxError"), stderr);
    }

    @Test
    void aLongPrintingProgramShowsLinesBeforeItEnds() throws Exception {
        pick("python");
        // The program's own pauses; the test waits for what the page shows.
        setEditorText("import time\nfor i in range(8):\n    print('tick', i, flush=True)\n    time.sleep(0.4)\n");
        run();
        waitUpTo(RUN_DEADLINE).until(driver -> text("output").contains("tick 1"));
        assertEquals("–", text("result-status"), "a line was shown while the program was still running");
        assertFalse(text("output").contains("tick 7"));
        awaitResult();
        assertEquals("SUCCESS", text("result-status"));
        assertTrue(text("output").contains("tick 7"));

        pick("python");
        type("stdin", "jsandbox\n");
        run();
        awaitResult();
        Path screenshot = Path.of("target", "playground.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");
        type("stdin", "");
    }

    @Test
    void thePageBreaksNoContentSecurityPolicyRule() {
        browser.manage().logs().get(LogType.BROWSER); // drops what earlier tests logged
        browser.navigate().refresh();
        waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.elementToBeClickable(By.id("run")));
        pick("html");
        List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
        List<String> violations = entries.stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
        assertEquals(List.of(), violations);
    }

    /** Selects the language, showing its starter even when it was selected already. */
    private static void pick(String language) {
        Select select = new Select(browser.findElement(By.id("language")));
        if (select.getFirstSelectedOption().getAttribute("value").equals(language)) {
            select.selectByValue(language.equals("go") ? "c" : "go");
        }
        select.selectByValue(language);
        waitUpTo(Duration.ofSeconds(10)).until(driver -> !editorText().isBlank());
    }

    private static void run() {
        browser.findElement(By.id("run")).click();
    }

    /** The result event arrived: the status is filled in and the button is back. */
    private static void awaitResult() {
        waitUpTo(RUN_DEADLINE).until(driver -> !text("result-status").equals("–")
                && browser.findElement(By.id("run")).isEnabled());
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (!value.isEmpty()) {
            field.sendKeys(value);
        }
    }

    private static String editorText() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('.CodeMirror').CodeMirror.getValue();");
    }

    private static void setEditorText(String code) {
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", code);
        assertEquals(code, editorText());
    }
}
