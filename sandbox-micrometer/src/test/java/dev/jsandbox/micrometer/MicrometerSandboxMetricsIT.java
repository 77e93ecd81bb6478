package dev.jsandbox.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxBusyException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.RequiresDocker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The meters move as a real sandbox executes: counters, histograms and the pool's gauges. */
@RequiresDocker
class MicrometerSandboxMetricsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String C_HELLO = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n";

    @Test
    void executionsMoveTheCountersHistogramsAndGauges() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<ExecutionResult> results = new ArrayList<>();
        DockerSandbox sandbox = DockerSandbox.builder().listener(MicrometerSandboxMetrics.bindTo(registry)).build();
        try {
            // The pool pre-starts one container per language with an image: the gauge shows it.
            awaitAtLeast(1, () -> registry.get("jsandbox.pool.idle.containers").tag("language", "python").gauge()
                    .value(), "an idle python container");

            results.add(sandbox.execute(ExecutionRequest.of("python", "print('hi')")));
            results.add(sandbox.execute(ExecutionRequest.of("py", "import sys; sys.exit(3)")));
            results.add(sandbox.execute(ExecutionRequest.of("c", C_HELLO)));
            assertEquals(List.of(ExecutionStatus.SUCCESS, ExecutionStatus.RUNTIME_ERROR, ExecutionStatus.SUCCESS),
                    results.stream().map(ExecutionResult::status).toList());

            // Labelled with the runtime's id, never the alias the request used ("py").
            assertEquals(1, executions(registry, "python", "success"));
            assertEquals(1, executions(registry, "python", "runtime_error"));
            assertEquals(1, executions(registry, "c", "success"));
            assertNull(registry.find("jsandbox.executions").tag("language", "py").counter());
            assertEquals(2, registry.get("jsandbox.execution.queue.wait").tag("language", "python").timer().count());
            assertEquals(2, registry.get("jsandbox.run").tag("language", "python").timer().count());
            assertEquals(1, registry.get("jsandbox.run").tag("language", "c").timer().count());
            Timer compile = registry.get("jsandbox.compile").tag("language", "c").timer();
            assertEquals(1, compile.count());
            assertTrue(compile.totalTime(TimeUnit.NANOSECONDS) > 0, "the compile step took time");
            assertNull(registry.find("jsandbox.compile").tag("language", "python").timer(), "python compiles nothing");
            long acquired = registry.find("jsandbox.container.acquire").timers().stream().mapToLong(Timer::count).sum();
            assertEquals(3, acquired, "one container per execution, from the pool or fresh");
            long reportedPeaks = results.stream().filter(r -> r.peakMemoryBytes() != null).count();
            assertEquals(reportedPeaks, registry.find("jsandbox.peak.memory").summaries().stream()
                    .mapToLong(s -> s.count()).sum(), "one memory sample per execution whose peak was reported");
            assertEquals(0, registry.get("jsandbox.executions.running").gauge().value());
            assertEquals(0, registry.get("jsandbox.executions.queued").gauge().value());
            assertNull(registry.find("jsandbox.engine.errors").counter(), "the engine refused nothing");

            // Used containers are removed in the background; the counter catches up.
            awaitAtLeast(3, () -> registry.get("jsandbox.container.removals").counter().count(),
                    "the three used containers removed");
            // The pool refills after each execution.
            awaitAtLeast(1, () -> registry.get("jsandbox.pool.idle.containers").tag("language", "python").gauge()
                    .value(), "the python pool refilled");
        } finally {
            sandbox.close();
        }
        // close() removes the idle ones too: every container created was removed, none failed.
        double created = registry.find("jsandbox.container.creations").counters().stream().mapToDouble(Counter::count)
                .sum();
        assertTrue(created >= 3, "at least one container per execution, was " + created);
        assertEquals(created, registry.get("jsandbox.container.removals").counter().count());
        assertEquals(0, registry.get("jsandbox.container.removals.failed").counter().count());
    }

    @Test
    void aCallRefusedAsBusyIsCountedAndTheRunningOneShowsInTheGauge() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DockerSandbox sandbox = DockerSandbox.builder().listener(MicrometerSandboxMetrics.bindTo(registry))
                .maxConcurrentExecutions(1).maxQueuedExecutions(0).pool(PoolSettings.disabled()).build();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<ExecutionResult> running = caller.submit(() -> sandbox.execute(
                    ExecutionRequest.of("python", "import time; time.sleep(3)")));
            awaitAtLeast(1, () -> registry.get("jsandbox.executions.running").gauge().value(), "the execution running");

            assertThrows(SandboxBusyException.class, () -> sandbox.execute(ExecutionRequest.of("py", "print(1)")));

            assertEquals(1, registry.get("jsandbox.rejected").tag("language", "python").counter().count());
            assertEquals(ExecutionStatus.SUCCESS, running.get(30, TimeUnit.SECONDS).status());
            assertEquals(1, executions(registry, "python", "success"), "the refused call is not an execution");
            assertEquals(0, registry.get("jsandbox.executions.running").gauge().value());
            assertEquals(1, registry.get("jsandbox.container.acquire").tags("language", "python", "pool", "miss")
                    .timer().count(), "without a pool every container is a miss");
        } finally {
            caller.shutdownNow();
            sandbox.close();
        }
    }

    private static double executions(SimpleMeterRegistry registry, String language, String status) {
        Counter counter = registry.find("jsandbox.executions").tags("language", language, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Polls until the value reaches {@code expected}, failing with {@code what} after {@link #DEADLINE}. */
    private static void awaitAtLeast(double expected, DoubleSupplier value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        double last = value.getAsDouble();
        while (last < expected) {
            if (System.nanoTime() > deadline) {
                fail("waited " + DEADLINE.toSeconds() + " s for " + what + "; the meter shows " + last);
            }
            Thread.sleep(50);
            last = value.getAsDouble();
        }
    }
}
