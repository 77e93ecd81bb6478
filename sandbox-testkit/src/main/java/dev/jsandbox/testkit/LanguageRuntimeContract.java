package dev.jsandbox.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.TestCaseResult;
import dev.jsandbox.api.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

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
 * <p>A language that cannot express a case at all returns null for its program, and that case is left out of its
 * contract (not skipped): a web page has no stdin, arguments or exit code of its own, a stylesheet prints nothing
 * but itself. Such a runtime's test covers what the language does instead.
 *
 * <p>Besides single programs, the kit checks what judges and larger programs need: a program of several files
 * ({@link #severalFiles()}: a main file and a helper module, as the language's users lay them out), a data file the
 * program reads ({@link #printDataFile()}), and judge mode ({@link #sumOfTwoNumbers()} run against three test cases,
 * the last with a wrong expected output, which must give {@link Verdict#WRONG_ANSWER}).
 */
@RequiresDocker
public abstract class LanguageRuntimeContract {

    /** The text {@link #unicode()} prints (followed by a newline). */
    protected static final String UNICODE_TEXT = "héllo wörld ✓ 日本語 🚀";
    /** Timeout used for the endless-loop case, to keep the kit fast. */
    protected static final Duration LOOP_TIMEOUT = Duration.ofSeconds(2);
    /** The text the helper module of {@link #severalFiles()} returns, and its main file prints. */
    protected static final String HELPER_TEXT = "Hello from a helper";
    /** The path of the data file {@link #printDataFile()} reads, relative to the working directory. */
    protected static final String DATA_FILE = "data/input.txt";
    /** The content of {@link #DATA_FILE}. */
    protected static final String DATA_TEXT = "first line\nzweite Zeile ✓\n";

    /**
     * A program of several files: the main file's code, and the further files written beside it.
     *
     * @param code the main file's code
     * @param files the further files, with relative paths as the language's users lay them out
     */
    protected record Program(String code, List<SourceFile> files) {

        /** Requires both components and copies the files. */
        public Program {
            Objects.requireNonNull(code, "code");
            files = List.copyOf(files);
        }

        /** A program of this main file and these further files. */
        public static Program of(String code, SourceFile... files) {
            return new Program(code, Arrays.asList(files));
        }
    }

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

    /**
     * A main file that prints {@link #HELPER_TEXT} and a newline, got from a function (method, procedure...) of a
     * helper module given as a further file, in the way the language's users split a program into files (a module
     * beside the main file, a class in a package folder...); null if the language cannot express it.
     */
    protected abstract @Nullable Program severalFiles();

    /**
     * Reads the file {@link #DATA_FILE} (a path relative to the working directory) and prints its content unchanged;
     * null if the language cannot express it.
     */
    protected abstract @Nullable String printDataFile();

    /**
     * Reads two integers separated by a space on one line of stdin and prints their sum and a newline (judge mode:
     * compiled once, run once per test case); null if the language cannot express it.
     */
    protected abstract @Nullable String sumOfTwoNumbers();

    /** The sandbox under test; by default the shared one of {@link RequiresDocker}. */
    protected CodeSandbox sandbox() {
        return DockerSandboxExtension.sharedSandbox();
    }

    protected ExecutionResult run(String code) {
        return sandbox().execute(ExecutionRequest.of(language(), code));
    }

    /**
     * The contract, one dynamic test per case. A case whose program is null (the language cannot express it) is
     * not generated at all - never reported as passed, never as skipped - so a runtime's own tests must cover what
     * the language does instead. After each case, the shared sandbox must hold no container.
     */
    @TestFactory
    Stream<DynamicTest> contract() {
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(dynamicTest("lists the language with the version of its image", this::listsTheLanguage));
        addCase(cases, "prints hello world", helloWorld(), this::printsHelloWorld);
        addCase(cases, "echoes stdin line by line", echoStdin(), this::echoesStdinLineByLine);
        addCase(cases, "passes arguments literally", printArgs(), this::passesArgumentsLiterally);
        addCase(cases, "propagates the exit code", exitWithCode3(), this::propagatesTheExitCode);
        addCase(cases, "reports a runtime error on stderr", runtimeError(), this::reportsARuntimeErrorOnStderr);
        addCase(cases, "round-trips Unicode", unicode(), this::roundTripsUnicode);
        addCase(cases, "stops an endless loop at the timeout", endlessLoop(), this::stopsAnEndlessLoopAtTheTimeout);
        addCase(cases, "reports exceeding the memory limit", allocate(1024), this::reportsExceedingTheMemoryLimit);
        addCase(cases, "runs a program that needs 100 MiB", allocate(100), this::runsAProgramThatNeedsAHundredMebibytes);
        Program severalFiles = severalFiles();
        if (severalFiles != null) {
            cases.add(dynamicTest("runs a program of several files", () -> {
                runsAProgramOfSeveralFiles(severalFiles);
                DockerSandboxExtension.assertNoContainersLeft(DockerSandboxExtension.sharedSandbox());
            }));
        }
        addCase(cases, "reads a data file given with the request", printDataFile(), this::readsADataFile);
        addCase(cases, "judges test cases one by one", sumOfTwoNumbers(), this::judgesTestCasesOneByOne);
        addCases(cases);
        cases.add(dynamicTest("behaves the same warm (pre-started, with the runtime's warm stage) as cold", () -> {
            List<WarmStageCheck.Comparison> comparisons = new ArrayList<>();
            addWarmComparisons(comparisons);
            WarmStageCheck.check(language(), comparisons);
        }));
        return cases.stream();
    }

    /**
     * The programs the warm-stage case runs both in a pre-started container (with the runtime's {@link
     * dev.jsandbox.spi.WarmStage}, if it declares one) and in a fresh one, whose results must agree: status, exit
     * code, signal, stdout, stderr (for the runtime error, the report before its stack frames) and compile output.
     */
    void addWarmComparisons(List<WarmStageCheck.Comparison> comparisons) {
        addComparison(comparisons, "hello world", helloWorld(), request -> request, false);
        addComparison(comparisons, "stdin", echoStdin(), request -> request.stdin("first\nsecond line\n3\n"), false);
        addComparison(comparisons, "arguments", printArgs(), request -> request.args("one", "two words", "$(id)"),
                false);
        addComparison(comparisons, "exit code", exitWithCode3(), request -> request, false);
        addComparison(comparisons, "runtime error", runtimeError(), request -> request, true);
        addComparison(comparisons, "unicode", unicode(), request -> request, false);
        addComparison(comparisons, "timeout", endlessLoop(),
                request -> request.limitOverrides(LimitOverrides.timeout(LOOP_TIMEOUT)), false);
    }

    /** Adds a comparison when the language can express its program. */
    final void addComparison(List<WarmStageCheck.Comparison> comparisons, String name, @Nullable String program,
            UnaryOperator<ExecutionRequest.Builder> request, boolean reportOnly) {
        if (program != null) {
            comparisons.add(new WarmStageCheck.Comparison(name,
                    request.apply(ExecutionRequest.builder(language(), program)).build(), reportOnly));
        }
    }

    /** Adds the cases of a more specific contract (e.g. the compile cases); none here. */
    protected void addCases(List<DynamicTest> cases) {
    }

    /** Adds a case when the language can express its program. */
    protected final void addCase(List<DynamicTest> cases, String name, @Nullable String program, Consumer<String> check) {
        if (program != null) {
            cases.add(dynamicTest(name, () -> {
                check.accept(program);
                DockerSandboxExtension.assertNoContainersLeft(DockerSandboxExtension.sharedSandbox());
            }));
        }
    }

    private void listsTheLanguage() {
        LanguageInfo info = sandbox().languages().stream()
                .filter(l -> l.id().equalsIgnoreCase(language()) || l.aliases().contains(language()))
                .findFirst().orElseThrow(() -> new AssertionError(language() + " is not listed"));
        assertTrue(info.available(), "image present");
        assertFalse(info.version().isBlank() || info.version().equals("unknown"), "version read from the image");
    }

    private void printsHelloWorld(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("Hello, World!\n", result.stdout());
        assertEquals(0, result.exitCode());
        Long peak = result.peakMemoryBytes();
        assertNotNull(peak, () -> "hello world reports its peak memory: " + describe(result));
        assertTrue(peak > 0 && peak < sandbox().limits().memoryBytes(), () -> describe(result));
        report("hello world", result);
    }

    private void echoesStdinLineByLine(String code) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.of(language(), code, "first\nsecond line\n3\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("first\nsecond line\n3\n", result.stdout());
    }

    private void passesArgumentsLiterally(String code) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .args("one", "two words", "$(id)", "`id`", "; rm -rf /", "../x").build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("one\ntwo words\n$(id)\n`id`\n; rm -rf /\n../x\n", result.stdout());
    }

    private void propagatesTheExitCode(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertEquals(3, result.exitCode());
    }

    private void reportsARuntimeErrorOnStderr(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains(runtimeErrorText()), () -> describe(result));
    }

    private void roundTripsUnicode(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals(UNICODE_TEXT + "\n", result.stdout());
    }

    private void stopsAnEndlessLoopAtTheTimeout(String code) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .limitOverrides(LimitOverrides.timeout(LOOP_TIMEOUT)).build());
        assertEquals(ExecutionStatus.TIMEOUT, result.status(), () -> describe(result));
        assertEquals(137, result.exitCode(), () -> "killed at the deadline: " + describe(result));
        assertTrue(result.wallTime().compareTo(LOOP_TIMEOUT.plusMillis(500)) <= 0, () -> describe(result));
        assertNotNull(result.cpuTime(), () -> "a timed-out run reports its CPU time: " + describe(result));
    }

    private void reportsExceedingTheMemoryLimit(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, result.status(), () -> describe(result));
        assertTrue(result.oomKilled(), () -> "the kernel's OOM kill, not the runtime's own words: " + describe(result));
    }

    private void runsAProgramThatNeedsAHundredMebibytes(String code) {
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("done\n", result.stdout());
        Long peak = result.peakMemoryBytes();
        assertNotNull(peak, () -> describe(result));
        // Under gVisor there is no cgroup high-water mark inside the sandbox, and the fallback, the run's largest
        // resident set, is gVisor's own figure: it counts memory gVisor mapped for the program ahead of use, which
        // for a JVM exceeds the container's limit (362 MiB of 256 seen). Only the lower bound is a fact there
        // (SECURITY.md, gVisor); the limit itself is enforced by the host on the whole sandbox.
        long upper = DockerSandboxExtension.underGvisor() ? Long.MAX_VALUE : sandbox().limits().memoryBytes();
        assertTrue(peak >= 100L << 20 && peak < upper,
                () -> "peak memory " + peak + " of a program that touched 100 MiB: " + describe(result));
        report("100 MiB program", result);
    }

    private void runsAProgramOfSeveralFiles(Program program) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), program.code())
                .files(program.files()).build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals(HELPER_TEXT + "\n", result.stdout(), () -> describe(result));
    }

    private void readsADataFile(String code) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .file(DATA_FILE, DATA_TEXT).build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals(DATA_TEXT, result.stdout(), () -> describe(result));
    }

    private void judgesTestCasesOneByOne(String code) {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder(language(), code)
                .testCase(TestCase.of("2 3\n", "5\n"))
                .testCase(TestCase.of("40 2\n", "42\n"))
                .testCase(TestCase.of("1 1\n", "3\n"))
                .build());
        assertEquals(Verdict.WRONG_ANSWER, result.verdict(), () -> describe(result));
        List<TestCaseResult> cases = result.testCases();
        assertEquals(List.of(0, 1, 2), cases.stream().map(TestCaseResult::index).toList(), () -> describe(result));
        assertEquals(Arrays.asList(true, true, false), cases.stream().map(TestCaseResult::passed).toList(),
                () -> describe(result));
        assertEquals(List.of("5\n", "42\n", "2\n"), cases.stream().map(c -> c.result().stdout()).toList());
        for (TestCaseResult testCase : cases) {
            assertEquals(ExecutionStatus.SUCCESS, testCase.result().status(), () -> describe(testCase.result()));
        }
        // The run fields of the whole result are those of the first case that was not accepted.
        assertEquals("2\n", result.stdout(), () -> describe(result));
        assertFalse(result.isSuccess(), () -> describe(result));
        assertEquals(2, result.passedTestCases());
    }

    /** One line in the build log per measured figure, so that a run of the kit documents what it saw. */
    private void report(String program, ExecutionResult result) {
        System.out.printf("[conformance] %s %s: peak memory %.1f MiB, compile %d ms, run %d ms%n", language(), program,
                result.peakMemoryBytes() / 1048576.0, result.compileTime().toMillis(), result.wallTime().toMillis());
    }

    /** A one-line summary of a result for assertion messages. */
    protected static String describe(ExecutionResult result) {
        assertNotNull(result);
        return result.status() + " exit=" + result.exitCode() + " signal=" + result.signal() + " oom=" + result.oomKilled()
                + " peak=" + result.peakMemoryBytes() + " wall=" + result.wallTime().toMillis() + "ms"
                + "\n--- stdout ---\n" + abbreviate(result.stdout()) + "\n--- stderr ---\n" + abbreviate(result.stderr())
                + "\n--- compile ---\n" + abbreviate(result.compileOutput())
                + (result.verdict() == null ? "" : "\n--- verdict " + result.verdict() + ", cases: "
                        + result.testCases().stream().map(c -> c.index() + "=" + c.result().status() + "/" + c.passed())
                                .toList());
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
