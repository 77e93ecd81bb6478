package dev.jsandbox.micrometer;

import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxActivity;
import dev.jsandbox.api.SandboxListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Records a sandbox's events as Micrometer meters, in whatever {@link MeterRegistry} the application passes. Names
 * follow Micrometer's dotted style, which each registry renders in its own convention; a Prometheus registry shows
 * them in base units with Prometheus suffixes:
 *
 * <table>
 * <caption>Meters (as a Prometheus registry names them)</caption>
 * <tr><th>Name</th><th>Type</th><th>Labels</th><th>What</th></tr>
 * <tr><td>{@code jsandbox_executions_total}</td><td>counter</td><td>language, status</td>
 *     <td>executions that returned a result</td></tr>
 * <tr><td>{@code jsandbox_verdicts_total}</td><td>counter</td><td>language, verdict</td>
 *     <td>judged executions (with test cases), by verdict</td></tr>
 * <tr><td>{@code jsandbox_test_cases_total}</td><td>counter</td><td>language</td>
 *     <td>test cases submitted with executions that returned a result</td></tr>
 * <tr><td>{@code jsandbox_rejected_total}</td><td>counter</td><td>language</td>
 *     <td>executions refused as busy (slots and queue full)</td></tr>
 * <tr><td>{@code jsandbox_execution_queue_wait_seconds}</td><td>histogram</td><td>language</td>
 *     <td>time waiting for an execution slot</td></tr>
 * <tr><td>{@code jsandbox_container_acquire_seconds}</td><td>histogram</td><td>language, pool=hit|miss</td>
 *     <td>time getting a container: from the pool, or created and started</td></tr>
 * <tr><td>{@code jsandbox_compile_seconds}</td><td>histogram</td><td>language</td>
 *     <td>compile step, for executions that had one</td></tr>
 * <tr><td>{@code jsandbox_run_seconds}</td><td>histogram</td><td>language</td>
 *     <td>program wall time, summed over test cases; not recorded when compilation failed</td></tr>
 * <tr><td>{@code jsandbox_peak_memory_bytes}</td><td>histogram</td><td>language</td>
 *     <td>peak memory of the program (the highest over test cases)</td></tr>
 * <tr><td>{@code jsandbox_container_creations_total}</td><td>counter</td><td>language</td>
 *     <td>containers created (on demand and for the pool)</td></tr>
 * <tr><td>{@code jsandbox_container_removals_total}</td><td>counter</td><td></td><td>containers removed</td></tr>
 * <tr><td>{@code jsandbox_container_removals_failed_total}</td><td>counter</td><td></td>
 *     <td>removals that failed (retried later)</td></tr>
 * <tr><td>{@code jsandbox_engine_errors_total}</td><td>counter</td><td>operation</td>
 *     <td>engine calls refused or unanswered, by operation (create, start, attach, remove, ...)</td></tr>
 * <tr><td>{@code jsandbox_pool_idle_containers}</td><td>gauge</td><td>language</td>
 *     <td>pre-started containers waiting for a job</td></tr>
 * <tr><td>{@code jsandbox_executions_running}</td><td>gauge</td><td></td><td>executions holding a slot</td></tr>
 * <tr><td>{@code jsandbox_executions_queued}</td><td>gauge</td><td></td><td>calls waiting for a slot</td></tr>
 * </table>
 *
 * <p>Why "creations" and "removals" rather than "containers_created": Prometheus reserves the {@code _created}
 * suffix (OpenMetrics' creation timestamps) and its client drops it, so {@code jsandbox.containers.created} would
 * come out as {@code jsandbox_containers_total}.
 *
 * <p>Label values are the sandbox's own: language ids as resolved by the runtime, lower-case status and verdict
 * names, operation names. No label ever carries anything from a request. Histograms publish fixed buckets (5 ms to
 * 60 s for durations, 1 MiB to 4 GiB for memory) rather than client-side percentiles, so they aggregate across
 * instances with {@code histogram_quantile}.
 *
 * <pre>{@code
 * MeterRegistry registry = ...; // the application's own
 * try (DockerSandbox sandbox = DockerSandbox.builder()
 *         .listener(MicrometerSandboxMetrics.bindTo(registry))
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>One instance per sandbox: the gauges read the sandbox that announced itself first (see
 * {@link #sandboxStarted(SandboxStarted)}). Thread-safe.
 */
public final class MicrometerSandboxMetrics implements SandboxListener {

    /** Bucket bounds of the duration histograms: from a pool hit to the longest compile and run steps. */
    static final Duration[] DURATION_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60)};
    private static final double MIB = 1024.0 * 1024;
    /** Bucket bounds of the memory histogram, in bytes: an interpreter's start-up to the largest limits. */
    static final double[] MEMORY_BUCKETS = {
            1 * MIB, 4 * MIB, 16 * MIB, 32 * MIB, 64 * MIB, 128 * MIB, 256 * MIB, 512 * MIB, 1024 * MIB, 2048 * MIB,
            4096 * MIB};

    private final MeterRegistry registry;
    private final Counter removed;
    private final Counter removalsFailed;
    private volatile boolean gaugesBound;

    private MicrometerSandboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so they read 0 (rather than being absent) before anything happened: a rate() or an
        // alert on them works from the first scrape.
        this.removed = Counter.builder("jsandbox.container.removals")
                .description("Containers removed").register(registry);
        this.removalsFailed = Counter.builder("jsandbox.container.removals.failed")
                .description("Container removals that failed; retried later").register(registry);
    }

    /**
     * Meters in {@code registry}; register the result with a sandbox's builder. Creates no meter that depends on
     * the sandbox until it starts.
     */
    public static MicrometerSandboxMetrics bindTo(MeterRegistry registry) {
        return new MicrometerSandboxMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Registers the gauges, which poll the sandbox's {@linkplain SandboxActivity activity} whenever the registry is
     * read: running and queued executions, and idle containers for each language the sandbox offers. Only the first
     * sandbox is observed; a second one reporting to the same instance would make the gauges ambiguous.
     */
    @Override
    public void sandboxStarted(SandboxStarted event) {
        synchronized (this) {
            if (gaugesBound) {
                return;
            }
            gaugesBound = true;
        }
        Supplier<SandboxActivity> activity = event.activity();
        // Strong references: the supplier is referenced by nothing else, and Micrometer's default weak reference
        // would let it be collected, leaving the gauges at NaN.
        Gauge.builder("jsandbox.executions.running", activity, a -> a.get().runningExecutions())
                .description("Executions holding a slot").strongReference(true).register(registry);
        Gauge.builder("jsandbox.executions.queued", activity, a -> a.get().queuedExecutions())
                .description("Calls waiting for an execution slot").strongReference(true).register(registry);
        for (String language : activity.get().idleContainers().keySet()) {
            Gauge.builder("jsandbox.pool.idle.containers", activity,
                            a -> a.get().idleContainers().getOrDefault(language, 0))
                    .description("Pre-started containers waiting for a job").tag("language", language)
                    .strongReference(true).register(registry);
        }
    }

    @Override
    public void executionFinished(ExecutionFinished event) {
        String language = event.language();
        Counter.builder("jsandbox.executions").description("Executions that returned a result")
                .tag("language", language).tag("status", label(event.status())).register(registry).increment();
        if (event.verdict() != null) {
            Counter.builder("jsandbox.verdicts").description("Judged executions by verdict")
                    .tag("language", language).tag("verdict", label(event.verdict())).register(registry).increment();
        }
        if (event.testCases() > 0) {
            Counter.builder("jsandbox.test.cases").description("Test cases of executions that returned a result")
                    .tag("language", language).register(registry).increment(event.testCases());
        }
        timer("jsandbox.execution.queue.wait", "Time waiting for an execution slot", language)
                .record(event.queueWait());
        if (!event.compileTime().isZero()) {
            // Zero means no compile step; recording it would drag an interpreted language's percentiles to 0.
            timer("jsandbox.compile", "Compile step", language).record(event.compileTime());
        }
        if (event.status() != ExecutionStatus.COMPILE_ERROR && event.status() != ExecutionStatus.COMPILE_TIMEOUT) {
            timer("jsandbox.run", "Program wall time, summed over test cases", language).record(event.runTime());
        }
        Long peak = event.peakMemoryBytes();
        if (peak != null) {
            DistributionSummary.builder("jsandbox.peak.memory").description("Peak memory of the program")
                    .baseUnit("bytes").tag("language", language).serviceLevelObjectives(MEMORY_BUCKETS)
                    .register(registry).record(peak);
        }
    }

    @Override
    public void executionRejected(ExecutionRejected event) {
        Counter.builder("jsandbox.rejected").description("Executions refused because the sandbox was busy")
                .tag("language", event.language()).register(registry).increment();
    }

    @Override
    public void containerAcquired(ContainerAcquired event) {
        Timer.builder("jsandbox.container.acquire").description("Time getting a container for an execution")
                .tag("language", event.language()).tag("pool", event.poolHit() ? "hit" : "miss")
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry).record(event.took());
    }

    @Override
    public void containerCreated(ContainerCreated event) {
        Counter.builder("jsandbox.container.creations").description("Containers created")
                .tag("language", event.language()).register(registry).increment();
    }

    @Override
    public void containerRemoved(ContainerRemoved event) {
        removed.increment();
    }

    @Override
    public void containerRemovalFailed(ContainerRemovalFailed event) {
        removalsFailed.increment();
    }

    @Override
    public void engineError(EngineError event) {
        Counter.builder("jsandbox.engine.errors").description("Container engine calls refused or unanswered")
                .tag("operation", event.operation()).register(registry).increment();
    }

    private Timer timer(String name, String description, String language) {
        return Timer.builder(name).description(description).tag("language", language)
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
