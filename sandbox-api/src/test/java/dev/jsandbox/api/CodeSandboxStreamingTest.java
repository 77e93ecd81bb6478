package dev.jsandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeSandboxStreamingTest {

    private static final ExecutionResult RESULT = ExecutionResult.builder(ExecutionStatus.SUCCESS)
            .compileOutput("warning\n").stdout("out\n").stderr("err\n").build();

    /** A sandbox that only knows the blocking call, as a third-party implementation might. */
    private static final class BlockingOnly implements CodeSandbox {
        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            return RESULT;
        }

        @Override
        public Limits limits() {
            return Limits.defaults();
        }

        @Override
        public List<LanguageInfo> languages() {
            return List.of();
        }

        @Override
        public SandboxHealth health() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theDefaultDeliversTheWholeOutputOnceInOrder() {
        List<String> calls = new ArrayList<>();
        ExecutionResult result = new BlockingOnly().execute(ExecutionRequest.of("python", "print(1)"),
                new OutputListener() {
                    @Override
                    public void onCompileOutput(String chunk) {
                        calls.add("compile:" + chunk);
                    }

                    @Override
                    public void onStdout(String chunk) {
                        calls.add("stdout:" + chunk);
                    }

                    @Override
                    public void onStderr(String chunk) {
                        calls.add("stderr:" + chunk);
                    }
                });
        assertSame(RESULT, result);
        assertEquals(List.of("compile:warning\n", "stdout:out\n", "stderr:err\n"), calls);
    }

    @Test
    void aThrowingListenerDoesNotChangeTheResult() {
        ExecutionResult result = new BlockingOnly().execute(ExecutionRequest.of("python", "print(1)"),
                new OutputListener() {
                    @Override
                    public void onCompileOutput(String chunk) {
                        throw new IllegalStateException("listener bug");
                    }
                });
        assertSame(RESULT, result);
    }
}
