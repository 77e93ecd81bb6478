package dev.jsandbox.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The warm-stage case of the conformance kit: every program of the kit runs once in a pre-started container (so in
 * the runtime's warm process, when it declares one) and once in a fresh container without warm stage, and both
 * must give the same result. A runtime without a warm stage must run the same way in both.
 */
final class WarmStageCheck {

    /** How long a pre-started container may take to be ready; generous, as the machine may be busy. */
    private static final Duration POOL_WAIT = Duration.ofSeconds(120);

    /**
     * One program of the comparison.
     *
     * @param name what it shows
     * @param request the request
     * @param reportOnly true when only the part of stderr before the first stack frame must agree (the frames below
     *     the program's own may name the warm stage's launcher)
     */
    record Comparison(String name, ExecutionRequest request, boolean reportOnly) {
    }

    private WarmStageCheck() {
    }

    /** Runs every comparison warm and cold and asserts that the results agree. */
    static void check(String language, List<Comparison> comparisons) throws InterruptedException {
        LanguageRuntime runtime = find(language);
        AtomicReference<SandboxListener.ExecutionFinished> last = new AtomicReference<>();
        SandboxListener listener = new SandboxListener() {
            @Override
            public void executionFinished(SandboxListener.ExecutionFinished event) {
                last.set(event);
            }
        };
        try (DockerSandbox warm = DockerSandbox.builder().discoverRuntimes(false).runtime(runtime)
                .pool(PoolSettings.builder().minIdle(1).build()).listener(listener).build();
                DockerSandbox cold = DockerSandbox.builder().discoverRuntimes(false).runtime(runtime)
                        .pool(PoolSettings.disabled()).build()) {
            for (Comparison comparison : comparisons) {
                Poll.until(POOL_WAIT, () -> warm.activity().idleContainers().getOrDefault(runtime.id(), 0), n -> n > 0);
                last.set(null);
                ExecutionResult warmResult = warm.execute(comparison.request());
                SandboxListener.ExecutionFinished event = last.get();
                assertNotNull(event, "the warm sandbox reported the execution");
                boolean expected = usesWarmStage(runtime, comparison.request(), warm.limits());
                assertEquals(expected, event.warmStart(), () -> comparison.name() + ": " + (expected
                        ? runtime.getClass().getName() + " declares a warm stage for this step, but the step ran cold"
                        : "the step ran warm although the runtime's warm stage does not serve it"));
                ExecutionResult coldResult = cold.execute(comparison.request());
                agree(comparison, warmResult, coldResult);
            }
        }
    }

    private static void agree(Comparison comparison, ExecutionResult warm, ExecutionResult cold) {
        String both = comparison.name() + "\n=== warm: " + LanguageRuntimeContract.describe(warm) + "\n=== cold: "
                + LanguageRuntimeContract.describe(cold);
        assertEquals(cold.status(), warm.status(), both);
        assertEquals(cold.exitCode(), warm.exitCode(), both);
        assertEquals(cold.signal(), warm.signal(), both);
        assertEquals(cold.stdout(), warm.stdout(), both);
        assertEquals(cold.compileOutput(), warm.compileOutput(), both);
        if (comparison.reportOnly()) {
            assertEquals(beforeStackFrames(cold.stderr()), beforeStackFrames(warm.stderr()), both);
        } else {
            assertEquals(cold.stderr(), warm.stderr(), both);
        }
        Duration timeout = comparison.request().limitOverrides().timeout();
        if (warm.status() == ExecutionStatus.TIMEOUT && timeout != null) {
            // The deadline starts at the hand-over, as a cold step's starts at its process's creation.
            assertNotNull(warm.cpuTime(), both);
            assertTrue(warm.wallTime().compareTo(timeout.plusMillis(500)) <= 0, both);
        }
    }

    /** The lines before the first stack frame ({@code at ...}, indented). */
    private static String beforeStackFrames(String stderr) {
        StringBuilder kept = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            if (line.matches("\\s+at .*")) {
                break;
            }
            kept.append(line).append('\n');
        }
        return kept.toString();
    }

    /** Whether the runner will hand the job's first step to the warm process (see {@link WarmStage}). */
    private static boolean usesWarmStage(LanguageRuntime runtime, ExecutionRequest request, Limits limits) {
        Optional<WarmStage> stage = runtime.warmStage(limits);
        if (stage.isEmpty()) {
            return false;
        }
        ExecutionPlan plan = runtime.plan(new PlanRequest(request.code(), request.files(), limits));
        List<String> first;
        if (plan.hasCompileStep()) {
            first = plan.compileCommand();
        } else if (request.testCases().size() <= 1) {
            first = plan.runCommand();
        } else {
            return false;
        }
        List<String> serves = stage.get().serves();
        return first.size() >= serves.size() && first.subList(0, serves.size()).equals(serves)
                && stage.get().environment().equals(plan.environment());
    }

    private static LanguageRuntime find(String language) {
        for (LanguageRuntime runtime : ServiceLoader.load(LanguageRuntime.class)) {
            if (runtime.id().equalsIgnoreCase(language)
                    || runtime.aliases().stream().anyMatch(alias -> alias.equalsIgnoreCase(language))) {
                return runtime;
            }
        }
        throw new AssertionError("no runtime for " + language + " on the class path");
    }
}
