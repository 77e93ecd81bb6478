package dev.jsandbox.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a sandbox does, for metrics and monitoring: executions that finished or were refused, containers
 * acquired, created and removed, faults of the container engine. A binding such as {@code sandbox-micrometer}'s
 * {@code MicrometerSandboxMetrics} turns the events into meters; register it with the sandbox's builder (e.g.
 * {@code DockerSandbox.builder().listener(listener)}).
 *
 * <p>Every method has a no-op default, so an implementation overrides only what it needs and keeps compiling when
 * events are added. Each event is a small record, so fields can be added without breaking implementors.
 *
 * <p><b>What events carry.</b> Only low-cardinality facts chosen by the sandbox: a language id as the sandbox
 * resolved it (never the string a caller sent), a status, a verdict, whether the pool had a container, durations,
 * byte counts, an operation name. Never code, stdin, output, file names or container ids - so an implementation may
 * use every field as a metric label.
 *
 * <p><b>Threads.</b> Methods are called on the threads doing the work (the caller's, the pool's, the remover's),
 * concurrently; they must be thread-safe and fast, and should not block. An exception a method throws is caught
 * and logged by the sandbox: it never breaks an execution.
 */
public interface SandboxListener {

    /**
     * The sandbox connected to its engine and can be observed; called once, before its first execution and before
     * its pool starts containers (an engine error while connecting may come earlier). {@code event.activity()} may
     * be polled from any thread, e.g. by gauges.
     */
    default void sandboxStarted(SandboxStarted event) {
    }

    /** An execution returned a result (whatever its status); not called when it ended with an exception. */
    default void executionFinished(ExecutionFinished event) {
    }

    /** An execution was refused because every slot was taken and the queue was full (a {@link SandboxBusyException}). */
    default void executionRejected(ExecutionRejected event) {
    }

    /** An execution got its container, from the pool of pre-started ones or freshly started. */
    default void containerAcquired(ContainerAcquired event) {
    }

    /** A container was created and started (for a job waiting now, or ahead of demand for the pool). */
    default void containerCreated(ContainerCreated event) {
    }

    /** A container was removed. */
    default void containerRemoved(ContainerRemoved event) {
    }

    /** Removing a container failed; it is retried later, and at the sandbox's close at the latest. */
    default void containerRemovalFailed(ContainerRemovalFailed event) {
    }

    /** The container engine refused an operation or could not be reached. */
    default void engineError(EngineError event) {
    }

    /**
     * The sandbox started.
     *
     * @param activity reads the sandbox's current activity; cheap, never talks to the engine
     */
    record SandboxStarted(Supplier<SandboxActivity> activity) {
        /** Checks for null. */
        public SandboxStarted {
            Objects.requireNonNull(activity, "activity");
        }
    }

    /**
     * An execution that returned a result.
     *
     * @param language the id of the runtime that ran it, e.g. {@code python}
     * @param status the result's status
     * @param verdict the verdict over the test cases, or null when the request had none
     * @param queueWait how long the execution waited for a slot
     * @param compileTime how long compilation took; zero without a compile step
     * @param runTime how long the program ran, summed over all test cases that ran
     * @param peakMemoryBytes the highest peak memory of any run, or null when the kernel reported none
     * @param testCases how many test cases the request had; 0 without test cases
     * @param warmStart true when the job's first step ran in a process its pre-started container had started before
     *     the job was known (the runtime's warm stage, see {@link dev.jsandbox.spi.WarmStage}); compile and run
     *     times then leave out the loading of the language's tooling
     */
    record ExecutionFinished(String language, ExecutionStatus status, @Nullable Verdict verdict, Duration queueWait,
            Duration compileTime, Duration runTime, @Nullable Long peakMemoryBytes, int testCases, boolean warmStart) {

        /** An execution without warm start. */
        public ExecutionFinished(String language, ExecutionStatus status, @Nullable Verdict verdict, Duration queueWait,
                Duration compileTime, Duration runTime, @Nullable Long peakMemoryBytes, int testCases) {
            this(language, status, verdict, queueWait, compileTime, runTime, peakMemoryBytes, testCases, false);
        }

        /** Checks for null and negative values. */
        public ExecutionFinished {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(status, "status");
            requireNotNegative("queueWait", queueWait);
            requireNotNegative("compileTime", compileTime);
            requireNotNegative("runTime", runTime);
            if (testCases < 0) {
                throw new IllegalArgumentException("testCases must not be negative, was " + testCases);
            }
        }
    }

    /**
     * An execution refused as busy.
     *
     * @param language the id of the runtime it would have run in
     */
    record ExecutionRejected(String language) {
        /** Checks for null. */
        public ExecutionRejected {
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * An execution got its container.
     *
     * @param language the id of the runtime
     * @param poolHit true when a pre-started container was waiting; false when one had to be started for it
     * @param took how long getting the container took (creating and starting it on a miss)
     */
    record ContainerAcquired(String language, boolean poolHit, Duration took) {
        /** Checks for null and negative values. */
        public ContainerAcquired {
            Objects.requireNonNull(language, "language");
            requireNotNegative("took", took);
        }
    }

    /**
     * A container was created and started.
     *
     * @param language the id of the runtime whose image it runs
     */
    record ContainerCreated(String language) {
        /** Checks for null. */
        public ContainerCreated {
            Objects.requireNonNull(language, "language");
        }
    }

    /** A container was removed. */
    record ContainerRemoved() {
    }

    /** Removing a container failed. */
    record ContainerRemovalFailed() {
    }

    /**
     * The container engine refused an operation or could not be reached.
     *
     * @param operation a fixed name of what was attempted, e.g. {@code create}, {@code start}, {@code remove}
     */
    record EngineError(String operation) {
        /** Checks for null. */
        public EngineError {
            Objects.requireNonNull(operation, "operation");
        }
    }

    private static void requireNotNegative(String name, Duration duration) {
        if (Objects.requireNonNull(duration, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
