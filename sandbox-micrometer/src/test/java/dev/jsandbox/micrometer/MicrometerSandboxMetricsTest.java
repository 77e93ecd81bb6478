package dev.jsandbox.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxActivity;
import dev.jsandbox.api.SandboxListener;
import dev.jsandbox.api.Verdict;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MicrometerSandboxMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerSandboxMetrics metrics = MicrometerSandboxMetrics.bindTo(registry);

    @Test
    void aFinishedExecutionCountsByLanguageAndStatusAndRecordsItsTimesAndMemory() {
        metrics.executionFinished(new SandboxListener.ExecutionFinished("c", ExecutionStatus.SUCCESS, null,
                Duration.ofMillis(30), Duration.ofMillis(800), Duration.ofMillis(20), 3_000_000L, 0));
        metrics.executionFinished(new SandboxListener.ExecutionFinished("c", ExecutionStatus.RUNTIME_ERROR, null,
                Duration.ZERO, Duration.ofMillis(700), Duration.ofMillis(5), null, 0));

        assertEquals(1, registry.get("jsandbox.executions").tags("language", "c", "status", "success").counter().count());
        assertEquals(1, registry.get("jsandbox.executions").tags("language", "c", "status", "runtime_error").counter()
                .count());
        Timer compile = registry.get("jsandbox.compile").tag("language", "c").timer();
        assertEquals(2, compile.count());
        assertEquals(1500, compile.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(2, registry.get("jsandbox.execution.queue.wait").tag("language", "c").timer().count());
        assertEquals(2, registry.get("jsandbox.run").tag("language", "c").timer().count());
        // Only the execution that reported its peak memory is in the histogram.
        assertEquals(1, registry.get("jsandbox.peak.memory").tag("language", "c").summary().count());
        assertEquals(3_000_000, registry.get("jsandbox.peak.memory").summary().totalAmount(), 0.001);
    }

    @Test
    void noCompileStepAndFailedCompilationsStayOutOfTheirHistograms() {
        metrics.executionFinished(new SandboxListener.ExecutionFinished("python", ExecutionStatus.SUCCESS, null,
                Duration.ZERO, Duration.ZERO, Duration.ofMillis(40), 8_000_000L, 0));
        metrics.executionFinished(new SandboxListener.ExecutionFinished("c", ExecutionStatus.COMPILE_ERROR,
                Verdict.COMPILE_ERROR, Duration.ZERO, Duration.ofMillis(300), Duration.ZERO, null, 2));

        assertNull(registry.find("jsandbox.compile").tag("language", "python").timer(), "python has no compile step");
        assertEquals(1, registry.get("jsandbox.run").tag("language", "python").timer().count());
        assertNull(registry.find("jsandbox.run").tag("language", "c").timer(), "c never ran: it did not compile");
        assertEquals(1, registry.get("jsandbox.verdicts").tags("language", "c", "verdict", "compile_error").counter()
                .count());
        assertEquals(2, registry.get("jsandbox.test.cases").tag("language", "c").counter().count());
    }

    @Test
    void durationHistogramsHaveFixedBucketsFrom5MillisecondsTo60Seconds() {
        metrics.containerAcquired(new SandboxListener.ContainerAcquired("python", true, Duration.ofMillis(3)));
        metrics.containerAcquired(new SandboxListener.ContainerAcquired("python", false, Duration.ofMillis(400)));

        Timer hit = registry.get("jsandbox.container.acquire").tags("language", "python", "pool", "hit").timer();
        Timer miss = registry.get("jsandbox.container.acquire").tags("language", "python", "pool", "miss").timer();
        assertEquals(1, hit.count());
        assertEquals(1, miss.count());
        CountAtBucket[] buckets = miss.takeSnapshot().histogramCounts();
        assertEquals(13, buckets.length);
        assertEquals(0.005, buckets[0].bucket(TimeUnit.SECONDS), 1e-9);
        assertEquals(60, buckets[buckets.length - 1].bucket(TimeUnit.SECONDS), 1e-9);
        // 400 ms falls in the 500 ms bucket and every one above it (buckets are cumulative).
        assertEquals(0, Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.MILLISECONDS) < 400)
                .mapToDouble(CountAtBucket::count).sum());
        assertEquals(1, Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.MILLISECONDS) == 500).findFirst()
                .orElseThrow().count());
    }

    @Test
    void containerAndEngineEventsAreCounted() {
        assertEquals(0, registry.get("jsandbox.container.removals").counter().count(), "present before any removal");
        assertEquals(0, registry.get("jsandbox.container.removals.failed").counter().count());

        metrics.containerCreated(new SandboxListener.ContainerCreated("go"));
        metrics.containerCreated(new SandboxListener.ContainerCreated("go"));
        metrics.containerRemoved(new SandboxListener.ContainerRemoved());
        metrics.containerRemovalFailed(new SandboxListener.ContainerRemovalFailed());
        metrics.engineError(new SandboxListener.EngineError("create"));
        metrics.executionRejected(new SandboxListener.ExecutionRejected("go"));

        assertEquals(2, registry.get("jsandbox.container.creations").tag("language", "go").counter().count());
        assertEquals(1, registry.get("jsandbox.container.removals").counter().count());
        assertEquals(1, registry.get("jsandbox.container.removals.failed").counter().count());
        assertEquals(1, registry.get("jsandbox.engine.errors").tag("operation", "create").counter().count());
        assertEquals(1, registry.get("jsandbox.rejected").tag("language", "go").counter().count());
    }

    @Test
    void gaugesFollowTheSandboxsActivityForEveryLanguageItOffers() {
        AtomicReference<SandboxActivity> now = new AtomicReference<>(
                new SandboxActivity(0, 0, Map.of("python", 1, "java", 0)));
        metrics.sandboxStarted(new SandboxListener.SandboxStarted(now::get));

        assertEquals(1, registry.get("jsandbox.pool.idle.containers").tag("language", "python").gauge().value());
        assertEquals(0, registry.get("jsandbox.pool.idle.containers").tag("language", "java").gauge().value());
        now.set(new SandboxActivity(2, 5, Map.of("python", 0, "java", 3)));
        assertEquals(2, registry.get("jsandbox.executions.running").gauge().value());
        assertEquals(5, registry.get("jsandbox.executions.queued").gauge().value());
        assertEquals(0, registry.get("jsandbox.pool.idle.containers").tag("language", "python").gauge().value());
        assertEquals(3, registry.get("jsandbox.pool.idle.containers").tag("language", "java").gauge().value());
    }

    @Test
    void aSecondSandboxDoesNotTakeOverTheGauges() {
        metrics.sandboxStarted(new SandboxListener.SandboxStarted(() -> new SandboxActivity(1, 0, Map.of())));
        metrics.sandboxStarted(new SandboxListener.SandboxStarted(() -> new SandboxActivity(9, 0, Map.of())));

        assertEquals(1, registry.get("jsandbox.executions.running").gauge().value());
        assertEquals(1, registry.find("jsandbox.executions.running").meters().size());
    }

    @Test
    void theMetersAreTheDocumentedOnes() {
        metrics.executionFinished(new SandboxListener.ExecutionFinished("c", ExecutionStatus.SUCCESS, Verdict.ACCEPTED,
                Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1), 1L, 1));
        metrics.sandboxStarted(new SandboxListener.SandboxStarted(() -> new SandboxActivity(0, 0, Map.of("c", 0))));

        // A registry without native histograms (this one) shows each histogram's buckets as "<name>.histogram".
        Set<String> names = registry.getMeters().stream().map(meter -> meter.getId().getName())
                .filter(name -> !name.endsWith(".histogram"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("jsandbox.executions", "jsandbox.verdicts", "jsandbox.test.cases",
                "jsandbox.execution.queue.wait", "jsandbox.compile", "jsandbox.run", "jsandbox.peak.memory",
                "jsandbox.container.removals", "jsandbox.container.removals.failed", "jsandbox.executions.running",
                "jsandbox.executions.queued", "jsandbox.pool.idle.containers")), names);
    }
}
