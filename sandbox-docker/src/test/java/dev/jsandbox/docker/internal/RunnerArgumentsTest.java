package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunnerArgumentsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    /** Declares a warm stage sized by the limits, as the node runtimes do. */
    private static final class WarmRuntime implements LanguageRuntime {
        @Override
        public String id() {
            return "warm";
        }

        @Override
        public String image() {
            return "example/warm:1";
        }

        @Override
        public ExecutionPlan plan(PlanRequest request) {
            return ExecutionPlan.interpreted("main.x", List.of("x", "main.x"));
        }

        @Override
        public Optional<WarmStage> warmStage(Limits limits) {
            return Optional.of(new WarmStage(List.of("x", "--heap=" + (limits.memoryBytes() >> 20), "--warm"),
                    List.of("x"), Map.of("X_HOME", "/opt/x")));
        }
    }

    /** A plugin whose warm stage throws: its containers start cold. */
    private static final class BrokenWarmRuntime implements LanguageRuntime {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public String image() {
            return "example/broken:1";
        }

        @Override
        public ExecutionPlan plan(PlanRequest request) {
            return ExecutionPlan.interpreted("main.x", List.of("x", "main.x"));
        }

        @Override
        public Optional<WarmStage> warmStage(Limits limits) {
            throw new IllegalStateException("bug in the plugin");
        }
    }

    @Test
    void aPrestartedContainerNamesTheWarmStageWithTheJobsEnvironment() {
        List<String> expected = new ArrayList<>(List.of("--idle-timeout-seconds", "90"));
        JobEncoder.environment(Map.of("X_HOME", "/opt/x")).forEach(v -> expected.addAll(List.of("--warm-env", v)));
        expected.addAll(List.of("--warm-serves", "1", "x", "--warm-command", "3", "x", "--heap=256", "--warm"));
        Limits limits = Limits.builder().memoryBytes(256L << 20).build();
        assertEquals(expected, FreshContainerLauncher.runnerArguments(new WarmRuntime(), limits, WAIT, true));
    }

    @Test
    void aContainerStartedOnDemandOrWithoutWarmStageHasNone() {
        List<String> cold = List.of("--idle-timeout-seconds", "90");
        assertEquals(cold, FreshContainerLauncher.runnerArguments(new WarmRuntime(), Limits.defaults(), WAIT, false));
        assertEquals(cold, FreshContainerLauncher.runnerArguments(new BrokenWarmRuntime(), Limits.defaults(), WAIT,
                true));
    }
}
