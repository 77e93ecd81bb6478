package dev.jsandbox.languages.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.UnknownLanguageException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.testkit.RequiresDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The foundation's end-to-end cases, through {@link CodeSandbox} and a real engine. */
@RequiresDocker
class PythonSandboxIT {

    private static final int MIB = 1024 * 1024;

    @Test
    void theOriginalSystemsExampleSaysHelloWorld(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print(\"Hello World!\")"));
        assertEquals(ExecutionStatus.SUCCESS, result.status());
        assertEquals("Hello World!\n", result.stdout());
        assertEquals("", result.stderr());
        assertEquals("", result.compileOutput());
    }

    @Test
    void acceptsTheAliasesPyAndPython3(CodeSandbox sandbox) {
        assertEquals("1\n", sandbox.execute(ExecutionRequest.of("py", "print(1)")).stdout());
        assertEquals("1\n", sandbox.execute(ExecutionRequest.of("Python3", "print(1)")).stdout());
    }

    @Test
    void echoesStdinLineByLineAsItArrives(CodeSandbox sandbox) {
        String code = "import sys\nfor i, line in enumerate(sys.stdin):\n    print(i, line.strip()[::-1])\n";
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", code, "abc\ndef\n"));
        assertEquals("0 cba\n1 fed\n", result.stdout());
    }

    @Test
    void anUncaughtExceptionGivesTheTracebackOnStderr(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "def f():\n    raise ValueError('boom')\nf()\n"));
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status());
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().startsWith("Traceback (most recent call last):"), result.stderr());
        assertTrue(result.stderr().contains("line 2, in f"), result.stderr());
        assertTrue(result.stderr().endsWith("ValueError: boom\n"), result.stderr());
    }

    @Test
    void anInfiniteLoopTimesOutWithinFiveAndAHalfSeconds(CodeSandbox sandbox) {
        long started = System.nanoTime();
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print('started', flush=True)\nwhile True: pass\n"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(ExecutionStatus.TIMEOUT, result.status());
        assertEquals("started\n", result.stdout(), "output produced before the timeout is kept");
        assertTrue(result.wallTime().compareTo(Duration.ofMillis(5500)) <= 0, "wall " + result.wallTime());
        assertTrue(result.wallTime().compareTo(Duration.ofSeconds(5)) >= 0, "wall " + result.wallTime());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(8)) < 0, "call returned after " + elapsed);
    }

    @Test
    void allocatingOneGibibyteGivesTheMemoryStatus(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "x = bytearray(1 << 30)\nprint('survived')\n"));
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, result.status());
        assertEquals("", result.stdout());
    }

    @Test
    void printingForeverIsCutAtExactlyOneMebibyte(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "while True:\n    print('x' * 99)\n"));
        assertEquals(ExecutionStatus.OUTPUT_LIMIT_EXCEEDED, result.status());
        assertTrue(result.stdoutTruncated());
        assertFalse(result.stderrTruncated());
        assertEquals(MIB, result.stdout().length());
        assertEquals("x".repeat(99) + "\n", result.stdout().substring(0, 100));
    }

    @Test
    void aSocketConnectFails(CodeSandbox sandbox) {
        String code = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=3)\n    print('connected')\n"
                + "except OSError as e:\n    print('refused', e.errno)\n";
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", code));
        assertEquals(ExecutionStatus.SUCCESS, result.status());
        assertTrue(result.stdout().startsWith("refused"), result.stdout());
    }

    @Test
    void aWriteToUsrFails(CodeSandbox sandbox) {
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "open('/usr/evil', 'w').write('x')\n"));
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status());
        assertTrue(result.stderr().contains("Read-only file system"), result.stderr());
    }

    @Test
    void aForkBombIsContainedAndTheNextExecutionWorks(CodeSandbox sandbox) {
        String bomb = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n";
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", bomb)
                .limitOverrides(LimitOverrides.timeout(Duration.ofSeconds(2))).build());
        assertEquals(ExecutionStatus.TIMEOUT, result.status());
        ExecutionResult next = sandbox.execute(ExecutionRequest.of("python", "print('still here')"));
        assertEquals("still here\n", next.stdout());
    }

    @Test
    void unicodeRoundTripsThroughCodeStdinAndArgs(CodeSandbox sandbox) {
        String code = "import sys\nprint('ünïcödé 🚀', input(), sys.argv[1])\n";
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", code)
                .stdin("日本語\n").args("ελληνικά").build());
        assertEquals("ünïcödé 🚀 日本語 ελληνικά\n", result.stdout());
    }

    @Test
    void codeOneByteOverTheCapIsRejectedBeforeAnyContainerExists(DockerSandbox sandbox) {
        // A runtime whose image does not exist: if the request reached the point of creating a container, the
        // sandbox would report the missing image instead of the size.
        try (CodeSandbox noImages = DockerSandbox.builder().discoverRuntimes(false).runtime(new MissingImageRuntime()).build()) {
            String atCap = "#" + "x".repeat(sandbox.limits().maxCodeBytes() - 1);
            InvalidRequestException tooLarge = assertThrows(InvalidRequestException.class,
                    () -> noImages.execute(ExecutionRequest.of("ghost", atCap + "x")));
            assertTrue(tooLarge.getMessage().contains("50001 bytes"), tooLarge.getMessage());
            assertThrows(dev.jsandbox.api.ImageMissingException.class,
                    () -> noImages.execute(ExecutionRequest.of("ghost", atCap)));
        }
        assertEquals(List.of(), sandbox.liveContainers());
    }

    @Test
    void anUnknownLanguageIsRejectedWithTheKnownOnes(CodeSandbox sandbox) {
        UnknownLanguageException e = assertThrows(UnknownLanguageException.class,
                () -> sandbox.execute(ExecutionRequest.of("cobol", "DISPLAY 'HI'.")));
        assertTrue(e.knownLanguages().contains("python"));
        assertTrue(e.getMessage().contains("python"), e.getMessage());
    }

    /** A runtime whose image is never built. */
    static final class MissingImageRuntime implements LanguageRuntime {
        @Override
        public String id() {
            return "ghost";
        }

        @Override
        public String image() {
            return "jsandbox/does-not-exist:1";
        }

        @Override
        public ExecutionPlan plan(PlanRequest request) {
            return ExecutionPlan.interpreted("main.txt", List.of("cat", "main.txt"));
        }
    }
}
