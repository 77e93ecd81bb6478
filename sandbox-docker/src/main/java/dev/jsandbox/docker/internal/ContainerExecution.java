package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job in one started container and turns what happened into an {@link ExecutionResult}.
 *
 * <p>The host enforces the limits itself rather than trusting the container: it kills the container at the
 * wall-clock deadline and as soon as an output stream passes its cap. The container's runner keeps its own,
 * slightly later deadline for the case where this process dies.
 */
public final class ContainerExecution {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerExecution.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long the runner may take to report when there is nothing to compile (a busy engine is slow). */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(30);
    /** Slack on top of the runner's own compile deadline before the host steps in. */
    private static final Duration COMPILE_GRACE = Duration.ofSeconds(2);
    /** How long the stream may take to end after the container was killed or its job ended. */
    private static final Duration END_WAIT = Duration.ofSeconds(10);
    private static final int SIGKILL = 9;
    /** Exit code of the runner when its own deadline killed the job (see runner.c). */
    private static final int RUNNER_BACKSTOP_EXIT = 4;

    private final DockerEngine engine;
    private final ContainerJanitor janitor;
    private final ExecutorService attachThreads;

    public ContainerExecution(DockerEngine engine, ContainerJanitor janitor, ExecutorService attachThreads) {
        this.engine = engine;
        this.janitor = janitor;
        this.attachThreads = attachThreads;
    }

    /** Runs the job in the (started, owned) container and removes the container afterwards, in every case. */
    public ExecutionResult run(String containerId, LanguageRuntime runtime, ExecutionPlan plan, byte[] code,
            List<String> args, byte[] stdin, Limits limits) {
        String nonce = HexFormat.of().formatHex(randomBytes());
        byte[] job = JobEncoder.encode(new JobEncoder.Job(nonce, plan, code, args, stdin, limits.compileTimeout(),
                limits.timeout(), limits.maxOutputBytes()));
        RunnerOutputCollector output = new RunnerOutputCollector(nonce, limits.maxOutputBytes());
        boolean removed = false;
        try {
            attach(containerId, job, output);
            return supervise(containerId, runtime, plan, limits, output);
        } catch (InterruptedException e) {
            // Cleared while we remove the container (an interrupted thread cannot talk to the engine), then restored.
            janitor.removeNow(containerId);
            removed = true;
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while executing " + runtime.id()
                    + " code; its container was removed", e);
        } finally {
            if (!removed) {
                janitor.removeLater(containerId);
            }
            closeQuietly(output);
        }
    }

    private static void closeQuietly(RunnerOutputCollector output) {
        try {
            output.close();
        } catch (java.io.IOException e) {
            LOG.debug("closing the attached stream failed", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void attach(String containerId, byte[] job, RunnerOutputCollector output) throws InterruptedException {
        try {
            attachThreads.submit(() -> engine.attach(containerId, new ByteArrayInputStream(job), output)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotFoundException || e.getCause() instanceof ConflictException) {
                throw new ContainerLostException("container " + containerId + " is gone or not running", e.getCause());
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new SandboxException(
                    "attaching to container " + containerId + " failed", e.getCause());
        }
    }

    private ExecutionResult supervise(String containerId, LanguageRuntime runtime, ExecutionPlan plan, Limits limits,
            RunnerOutputCollector output) throws InterruptedException {
        long attached = System.nanoTime();
        Duration reportWait = plan.hasCompileStep() ? limits.compileTimeout().plus(COMPILE_GRACE) : REPORT_WAIT;
        long left = output.await(attached + reportWait.toNanos(), true);
        RunnerOutputCollector.Snapshot compiled = output.snapshot();
        RunnerReport.Compile compile = compiled.compile();
        if (compile == null) {
            if (output.outputLimitExceeded() || left <= 0) {
                engine.kill(containerId);
                output.awaitEnd(END_WAIT.toSeconds(), TimeUnit.SECONDS);
                if (left <= 0 && plan.hasCompileStep()) {
                    return compileTimeout(output.snapshot(), reportWait);
                }
            }
            RunnerOutputCollector.Snapshot nothing = output.snapshot();
            // The stream ended early. Ask the engine before blaming the runner: if the engine itself went away,
            // this throws EngineUnavailableException, which is the answer the caller needs.
            engine.inspect(containerId);
            if (nothing.ended() && nothing.stdout().length == 0 && nothing.stderr().length == 0) {
                throw new ContainerLostException("container " + containerId + " ended before its job started",
                        nothing.failure());
            }
            throw runnerFailure(containerId, nothing);
        }
        if (compile.failed() || compile.timedOut()) {
            output.awaitEnd(END_WAIT.toSeconds(), TimeUnit.SECONDS);
            RunnerOutputCollector.Snapshot done = output.snapshot();
            return compile.timedOut() ? compileTimeout(done, compile.time()) : compileError(done);
        }

        long runStarted = compiled.compileReportNanos();
        left = output.await(runStarted + limits.timeout().toNanos(), false);
        boolean outputLimit = output.outputLimitExceeded();
        boolean timedOut = !outputLimit && left <= 0 && !output.snapshot().ended();
        if (timedOut || outputLimit) {
            LOG.debug("killing container {}: {}", containerId, timedOut ? "timeout" : "output limit");
            engine.kill(containerId);
        }
        if (!output.awaitEnd(END_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            engine.kill(containerId);
            output.awaitEnd(END_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        Duration hostWallTime = Duration.ofNanos(System.nanoTime() - runStarted);
        RunnerOutputCollector.Snapshot done = output.snapshot();
        Ending ending = ending(containerId, done, timedOut || outputLimit, timedOut, hostWallTime);
        String stderr = decode(done.stderr());
        ExecutionStatus status = status(done, ending, stderr, runtime);
        return new ExecutionResult(status, decode(done.stdout()), stderr, ending.exitCode(), ending.signal(),
                ending.wallTime(), ending.cpuTime(), decode(done.compileOutput()), compile.time(),
                done.stdoutTruncated(), done.stderrTruncated(), ending.oomKilled());
    }

    /** How the program ended, from the runner's report when there is one, else from the engine. */
    private record Ending(boolean oomKilled, boolean timedOut, @Nullable Integer exitCode, @Nullable Integer signal,
            Duration wallTime, @Nullable Duration cpuTime) {
    }

    private Ending ending(String containerId, RunnerOutputCollector.Snapshot done, boolean killedByHost,
            boolean timedOut, Duration hostWallTime) {
        RunnerReport.Exit exit = done.exit();
        if (exit != null) {
            boolean oom = exit.oomKills() > 0 || (exit.oomKills() < 0 && engineSaysOom(containerId));
            return new Ending(oom, timedOut, exit.exitCode() >= 0 ? exit.exitCode() : null,
                    exit.signal() > 0 ? exit.signal() : null, exit.wallTime(), exit.cpuTime());
        }
        if (killedByHost) {
            return new Ending(engineSaysOom(containerId), timedOut, null, SIGKILL, hostWallTime, null);
        }
        DockerEngine.ContainerState state = engine.inspect(containerId).orElse(null);
        if (done.failure() != null && state == null) {
            throw new EngineUnavailableException("lost the execution's container " + containerId
                    + " and its stream (" + done.failure() + "); was the Docker Engine restarted?", done.failure());
        }
        if (state == null || !(state.oomKilled() || Integer.valueOf(RUNNER_BACKSTOP_EXIT).equals(state.exitCode()))) {
            throw runnerFailure(containerId, done);
        }
        // The runner died without reporting: the kernel killed it for memory, or its own deadline ended the job.
        return new Ending(state.oomKilled(), !state.oomKilled(), null, SIGKILL, hostWallTime, null);
    }

    private static ExecutionStatus status(RunnerOutputCollector.Snapshot done, Ending ending, String stderr,
            LanguageRuntime runtime) {
        boolean failed = ending.signal() != null || (ending.exitCode() != null && ending.exitCode() != 0);
        if (done.stdoutTruncated() || done.stderrTruncated()) {
            return ExecutionStatus.OUTPUT_LIMIT_EXCEEDED;
        }
        if (ending.oomKilled() || (failed && runtime.outOfMemoryMarkers().stream().anyMatch(stderr::contains))) {
            return ExecutionStatus.MEMORY_LIMIT_EXCEEDED;
        }
        if (ending.timedOut()) {
            return ExecutionStatus.TIMEOUT;
        }
        return failed ? ExecutionStatus.RUNTIME_ERROR : ExecutionStatus.SUCCESS;
    }

    private boolean engineSaysOom(String containerId) {
        return engine.inspect(containerId).map(DockerEngine.ContainerState::oomKilled).orElse(false);
    }

    private static ExecutionResult compileError(RunnerOutputCollector.Snapshot done) {
        RunnerReport.Compile compile = Objects.requireNonNull(done.compile());
        String output = decode(done.compileOutput());
        if (compile.signal() != 0) {
            // COMPILE_ERROR promises that the compile output says why; a killed compiler says nothing itself.
            output += (output.isEmpty() || output.endsWith("\n") ? "" : "\n") + "jsandbox: the compiler was killed by signal "
                    + compile.signal() + (compile.signal() == SIGKILL ? " (most likely it ran out of memory)" : "") + "\n";
        }
        return new ExecutionResult(ExecutionStatus.COMPILE_ERROR, "", "", null, null, Duration.ZERO, null,
                output, compile.time(), false, false, false);
    }

    private static ExecutionResult compileTimeout(RunnerOutputCollector.Snapshot done, Duration compileTime) {
        return new ExecutionResult(ExecutionStatus.COMPILE_TIMEOUT, "", "", null, null, Duration.ZERO, null,
                decode(done.compileOutput()), compileTime, false, false, false);
    }

    private static SandboxException runnerFailure(String containerId, RunnerOutputCollector.Snapshot snapshot) {
        String stderr = decode(snapshot.stderr()).strip();
        return new SandboxException("the sandbox runner in container " + containerId + " ended without a report"
                + (stderr.isEmpty() ? "" : ": " + stderr.lines().reduce((a, b) -> b).orElse(""))
                + "; is the image built by this version's docker/build-images.sh?", snapshot.failure());
    }

    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
