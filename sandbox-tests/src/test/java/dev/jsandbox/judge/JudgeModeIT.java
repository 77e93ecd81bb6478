package dev.jsandbox.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.OutputComparison;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.TestCaseResult;
import dev.jsandbox.api.Verdict;
import dev.jsandbox.testkit.RequiresDocker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Judge mode against a real engine: one compile, one fresh process per test case, a verdict for the submission. */
@RequiresDocker
class JudgeModeIT {

    /** A program per language that reads two integers and prints their sum. */
    private static final Map<String, String> SUM = Map.of(
            "python", "a, b = map(int, input().split())\nprint(a + b)\n",
            "c", "#include <stdio.h>\nint main(void) { long a, b; scanf(\"%ld %ld\", &a, &b); printf(\"%ld\\n\", a + b); }\n",
            "cpp", "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n",
            "java", "import java.util.Scanner;\npublic class Main { public static void main(String[] args) {\n"
                    + "  Scanner in = new Scanner(System.in); System.out.println(in.nextLong() + in.nextLong()); } }\n",
            "go", "package main\nimport \"fmt\"\nfunc main() { var a, b int64; fmt.Scan(&a, &b); fmt.Println(a + b) }\n",
            "typescript", "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
                    + "console.log(a + b);\n",
            "javascript", "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
                    + "console.log(a + b);\n");

    static Stream<Arguments> languages() {
        return Stream.of("python", "c", "cpp", "java", "go", "typescript", "javascript").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void judgesEachCaseAndTheSubmission(String language, CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder(language, SUM.get(language))
                .testCase(TestCase.of("1 2", "3"))
                .testCase(TestCase.of("40 2\n", "42\n"))
                .testCase(TestCase.of("2 2", "5"))
                .testCase(TestCase.withInput("7 8"))
                .build());
        assertEquals(Verdict.WRONG_ANSWER, result.verdict(), () -> describe(result));
        List<TestCaseResult> cases = result.testCases();
        assertEquals(4, cases.size());
        assertEquals(List.of(true, true, false), cases.subList(0, 3).stream().map(TestCaseResult::passed).toList());
        assertNull(cases.get(3).passed());
        assertEquals("15\n", cases.get(3).result().stdout());
        assertEquals(2, result.passedTestCases());
        for (TestCaseResult testCase : cases) {
            assertEquals(ExecutionStatus.SUCCESS, testCase.result().status(), () -> describe(result));
            assertEquals(0, testCase.result().exitCode());
            assertNotNull(testCase.result().peakMemoryBytes());
        }
        assertEquals("4\n", result.stdout(), "the run fields show the first case that was not accepted");
    }

    @Test
    void acceptedWhenEveryCaseMatches(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", SUM.get("python"))
                .testCases(List.of(TestCase.of("1 1", "2"), TestCase.of("2 3", "  5  ")))
                .comparison(OutputComparison.TOKENS).build());
        assertEquals(Verdict.ACCEPTED, result.verdict(), () -> describe(result));
        assertTrue(result.isSuccess());
    }

    @Test
    void aCompileErrorRunsNoCase(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("c", "int main(void) { return x; }\n")
                .testCase(TestCase.of("1 2", "3")).testCase(TestCase.of("2 2", "4")).build());
        assertEquals(Verdict.COMPILE_ERROR, result.verdict());
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status());
        assertEquals(List.of(), result.testCases());
        assertEquals(2, result.totalTestCases(), "the cases the request had, though none ran");
        assertTrue(result.exitCode() != 0, () -> describe(result));
    }

    @Test
    void oneCaseTimingOutLeavesTheOthersTheirVerdicts(CodeSandbox sandbox) {
        String code = "n = int(input())\nwhile n == 2:\n    pass\nprint(n)\n";
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", code)
                .testCases(List.of(TestCase.of("1", "1"), TestCase.of("2", "2"), TestCase.of("3", "3")))
                .limitOverrides(LimitOverrides.timeout(Duration.ofSeconds(1))).build());
        assertEquals(Verdict.TIMEOUT, result.verdict(), () -> describe(result));
        assertEquals(3, result.testCases().size());
        assertEquals(List.of(ExecutionStatus.SUCCESS, ExecutionStatus.TIMEOUT, ExecutionStatus.SUCCESS),
                result.testCases().stream().map(c -> c.result().status()).toList());
        assertEquals(137, result.testCases().get(1).result().exitCode());
        assertEquals(List.of(true, false, true), result.testCases().stream().map(TestCaseResult::passed).toList());
    }

    @Test
    void nothingOneCaseWritesOrLeavesRunningReachesTheNext(CodeSandbox sandbox) {
        // Case 1 writes files in every writable place, leaves a daemon that keeps printing and a System V segment;
        // case 2 must find none of it, and its output must be its own.
        String code = String.join("\n",
                "import os, sys, time, glob",
                "case = input().strip()",
                "if case == 'first':",
                "    open('left.txt', 'w').write('x')",
                "    open('/tmp/left.txt', 'w').write('x')",
                "    open('/dev/shm/left.txt', 'w').write('x')",
                "    os.makedirs('sub/dir', exist_ok=True)",
                "    os.chmod('sub', 0)",
                "    if os.fork() == 0:",
                "        os.setsid()",
                "        if os.fork() == 0:",
                "            while True:",
                "                try:",
                "                    os.write(1, b'DAEMON\\n')",
                "                except OSError:",
                "                    pass",
                "                time.sleep(0.01)",
                "        os._exit(0)",
                "    print('first done')",
                "else:",
                "    time.sleep(0.3)",
                "    print(sorted(os.listdir('.')), os.path.exists('/tmp/left.txt'), os.path.exists('/dev/shm/left.txt'))",
                "");
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", code)
                .file("data/input.txt", "kept")
                .testCases(List.of(TestCase.withInput("first"), TestCase.withInput("second"))).build());
        assertEquals(2, result.testCases().size(), () -> describe(result));
        ExecutionResult second = result.testCases().get(1).result();
        assertEquals(ExecutionStatus.SUCCESS, second.status(), () -> describe(second));
        assertEquals("['data', 'main.py'] False False\n", second.stdout());
        assertFalse(second.stdout().contains("DAEMON"));
    }

    @Test
    void eachCaseSeesTheFilesAsTheyWereAfterCompiling(CodeSandbox sandbox) {
        String code = "#include <stdio.h>\nint main(void) { FILE *f = fopen(\"data.txt\", \"r+\"); char s[16] = {0};\n"
                + "  fgets(s, sizeof s, f); rewind(f); fputs(\"CHANGED\", f); fclose(f); remove(\"main\");\n"
                + "  printf(\"%s\\n\", s); }\n";
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("c", code).file("data.txt", "original")
                .testCases(List.of(TestCase.of("", "original"), TestCase.of("", "original"))).build());
        assertEquals(Verdict.ACCEPTED, result.verdict(), () -> describe(result));
    }

    @Test
    void requestsBeyondTheLimitsAreRejectedBeforeAnyContainer(CodeSandbox sandbox) {
        ExecutionRequest.Builder tooMany = ExecutionRequest.builder("python", "print(1)");
        for (int i = 0; i <= sandbox.limits().maxTestCases(); i++) {
            tooMany.testCase(TestCase.withInput(""));
        }
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> sandbox.execute(tooMany.build()));
        assertTrue(e.getMessage().startsWith("at most 64 test cases"), e.getMessage());
        e = assertThrows(InvalidRequestException.class,
                () -> sandbox.execute(ExecutionRequest.builder("python", "print(1)").file("main.py", "x").build()));
        assertTrue(e.getMessage().contains("clashes with the main file"), e.getMessage());
        String big = "x".repeat(sandbox.limits().maxCodeBytes());
        e = assertThrows(InvalidRequestException.class,
                () -> sandbox.execute(ExecutionRequest.builder("python", "print(1)").file("big.txt", big).build()));
        assertTrue(e.getMessage().startsWith("code and files are"), e.getMessage());
    }

    private static String describe(ExecutionResult result) {
        StringBuilder out = new StringBuilder(result.toString());
        out.append("\ncompile: ").append(result.compileOutput());
        for (TestCaseResult c : result.testCases()) {
            out.append("\ncase ").append(c.index()).append(": ").append(c.result()).append(" passed=").append(c.passed())
                    .append(" stdout=").append(c.result().stdout()).append(" stderr=").append(c.result().stderr());
        }
        return out.append("\nstdout: ").append(result.stdout()).append("\nstderr: ").append(result.stderr()).toString();
    }
}
