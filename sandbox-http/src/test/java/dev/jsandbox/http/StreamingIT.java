package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.OutputListener;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.testkit.RequiresDocker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output reaches a listener while the program still runs, and the listener's text is the result's. */
@RequiresDocker
class StreamingIT {

    /** The pauses are the program's own: the test waits for nothing but the execution. */
    private static final String SLOW_PRINTER = """
            import sys, time
            print('first line', flush=True)
            print('a warning', file=sys.stderr, flush=True)
            time.sleep(2)
            print('caf\\u00e9 \\u20ac', flush=True)
            time.sleep(1)
            print('last line', flush=True)
            """;

    @Test
    void theFirstChunkArrivesBeforeTheProgramEnds(DockerSandbox sandbox) {
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        StringBuilder stderr = new StringBuilder();
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", SLOW_PRINTER), new OutputListener() {
            @Override
            public void onStdout(String chunk) {
                arrivals.add(System.nanoTime());
                stdout.add(chunk);
            }

            @Override
            public void onStderr(String chunk) {
                stderr.append(chunk);
            }
        });
        long returnedAt = System.nanoTime();

        assertEquals(ExecutionStatus.SUCCESS, result.status());
        // python3 -u writes a print's text and its newline with two system calls, so the first line may come as one
        // chunk or two: what arrived within a second of the first chunk is what was printed before the pause.
        long firstChunkAt = arrivals.get(0);
        StringBuilder beforeThePause = new StringBuilder();
        for (int i = 0; i < stdout.size() && arrivals.get(i) - firstChunkAt < Duration.ofSeconds(1).toNanos(); i++) {
            beforeThePause.append(stdout.get(i));
        }
        assertEquals("first line\n", beforeThePause.toString(), "what arrived before the pause: " + stdout);
        Duration early = Duration.ofNanos(returnedAt - firstChunkAt);
        assertTrue(early.compareTo(Duration.ofMillis(2500)) > 0, "first chunk only " + early + " before the end");
        assertEquals(result.stdout(), String.join("", stdout));
        assertFalse(String.join("", stdout).contains("\ufffd"));
        assertEquals(result.stderr(), stderr.toString());
    }

    @Test
    void aCompiledLanguageStreamsItsCompileOutput(DockerSandbox sandbox) {
        StringBuilder compile = new StringBuilder();
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("c", "int main(void) { return undefined_name; }"),
                new OutputListener() {
                    @Override
                    public void onCompileOutput(String chunk) {
                        compile.append(chunk);
                    }
                });
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status());
        assertTrue(compile.toString().contains("undefined_name"));
        assertTrue(result.compileOutput().startsWith(compile.toString()),
                "the streamed compile output is the result's (which may add a note)");
    }
}
