package dev.jsandbox.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.LimitOverrides;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit (TCK) every {@link dev.jsandbox.spi.LanguageRuntime} passes: extend it in the runtime's
 * test, name the class {@code *IT}, and supply the small programs below in the runtime's language.
 *
 * <pre>{@code
 * class RubyRuntimeIT extends LanguageRuntimeContract {
 *     protected String language() { return "ruby"; }
 *     protected String helloWorld() { return "puts 'Hello, World!'"; }
 *     ...
 * }
 * }</pre>
 *
 * <p>Compiled languages extend {@link CompiledLanguageContract}, which adds the compile cases. Runs against a real
 * Docker Engine (see {@link RequiresDocker}).
 *
 * <p>A language that cannot express a case at all returns null for its program, and that case is skipped (and
 * reported as skipped, never as passed): a web page has no stdin, arguments or exit code of its own, a stylesheet
 * prints nothing but itself. Such a runtime's test should cover what the language does instead.
 */
@RequiresDocker
public abstract class LanguageRuntimeContract {

    /** The text {@link #unicode()} prints (followed by a newline). */
    protected static final String UNICODE_TEXT = "héllo wörld ✓ 日本語 🚀";
    /** Timeout used for the endless-loop case, to keep the kit fast. */
    protected static final Duration LOOP_TIMEOUT = Duration.ofSeconds(2);

    /** The language id (or an alias) requests use. */
    protected abstract String language();

    /** Prints {@code Hello, World!} and a newline; null if the language cannot express it. */
    protected abstract @Nullable String helloWorld();

    /** Copies stdin to stdout line by line, until end of input; null if the language cannot express it. */
    protected abstract @Nullable String echoStdin();

    /** Prints each command-line argument on a line of its own; null if the language cannot express it. */
    protected abstract @Nullable String printArgs();

    /** Exits with code 3 without printing anything; null if the language cannot express it. */
    protected abstract @Nullable String exitWithCode3();

    /** Fails at run time in the language's usual way (an uncaught exception, a panic...). */
    protected abstract String runtimeError();

    /** A text the language's own runtime-error report contains, e.g. {@code ZeroDivisionError}. */
    protected abstract String runtimeErrorText();

    /** Prints {@link #UNICODE_TEXT} and a newline; null if the language cannot express it. */
    protected abstract @Nullable String unicode();

    /** Never ends, without printing; null if the language cannot express it. */
    protected abstract @Nullable String endlessLoop();

    /**
     * Allocates (and touches) {@code mebibytes} MiB of memory and keeps it, then prints {@code done}; null if the
     * language cannot express it.
     */
    protected abstract @Nullable String allocate(int mebibytes);

    /** The sandbox under test; by default the shared one of {@link RequiresDocker}. */
    protected CodeSandbox sandbox() {
        return DockerSandboxExtension.sharedSandbox();
    }

    protected ExecutionResult run(String code) {
        return sandbox().execute(ExecutionRequest.of(language(), code));
    }

    /** The program of a case, or skips the case when the language cannot express it. */
    protected final String expressible(@Nullable String program, String what) {
        assumeTrue(program != null, () -> language() + " cannot express " + what);
        return program;
    }

    @Test
    void listsTheLanguageWithTheVersionOfItsImage() {
        LanguageInfo info = sandbox().languages().stream()
                .filter(l -> l.id().equalsIgnoreCase(language()) || l.aliases().contains(language()))
                .findFirst().orElseThrow(() -> new AssertionError(language() + " is not listed"));
        assertTrue(info.available(), "image present");
        assertFalse(info.version().isBlank() || info.version().equals("unknown"), "version read from the image");
    }

    @Test
    void printsHelloWorld() {
        ExecutionResult result = run(expressible(helloWorld(), "hello world"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("Hello, World!\n", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void echoesStdinLineByLine() {
        String code = expressible(echoStdin(), "reading stdin");
        ExecutionResult result = sandbox().execute(ExecutionRequest.of(language(), code, "first\nsecond line\n3\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("first\nsecond line\n3\n", result.stdout());
    }

    @Test
    void passesArgumentsLiterally() {
        String code = expressible(printArgs(), "arguments");
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .args("one", "two words", "$(id)", "`id`", "; rm -rf /", "../x").build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("one\ntwo words\n$(id)\n`id`\n; rm -rf /\n../x\n", result.stdout());
    }

    @Test
    void propagatesTheExitCode() {
        ExecutionResult result = run(expressible(exitWithCode3(), "an exit code"));
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertEquals(3, result.exitCode());
    }

    @Test
    void reportsARuntimeErrorOnStderr() {
        ExecutionResult result = run(runtimeError());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains(runtimeErrorText()), () -> describe(result));
    }

    @Test
    void roundTripsUnicode() {
        ExecutionResult result = run(expressible(unicode(), "printing text"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals(UNICODE_TEXT + "\n", result.stdout());
    }

    @Test
    void stopsAnEndlessLoopAtTheTimeout() {
        String code = expressible(endlessLoop(), "an endless loop");
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .limits(LimitOverrides.timeout(LOOP_TIMEOUT)).build());
        assertEquals(ExecutionStatus.TIMEOUT, result.status(), () -> describe(result));
        assertTrue(result.wallTime().compareTo(LOOP_TIMEOUT.plusMillis(500)) <= 0, () -> describe(result));
    }

    @Test
    void reportsExceedingTheMemoryLimit() {
        ExecutionResult result = run(expressible(allocate(1024), "allocating memory"));
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, result.status(), () -> describe(result));
    }

    @Test
    void runsAProgramThatNeedsAHundredMebibytes() {
        ExecutionResult result = run(expressible(allocate(100), "allocating memory"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("done\n", result.stdout());
    }

    /** A one-line summary of a result for assertion messages. */
    protected static String describe(ExecutionResult result) {
        assertNotNull(result);
        return result.status() + " exit=" + result.exitCode() + " signal=" + result.signal() + " oom=" + result.oomKilled()
                + "\n--- stdout ---\n" + abbreviate(result.stdout()) + "\n--- stderr ---\n" + abbreviate(result.stderr())
                + "\n--- compile ---\n" + abbreviate(result.compileOutput());
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
