package dev.jsandbox.docker.internal;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.jsandbox.api.EngineUnavailableException;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job in one started container and turns what the runner reported into results.
 *
 * <p>The runner inside the container enforces each step's deadline and output caps and reports kernel facts; the
 * host keeps its own deadline for the whole job (the runner's budget plus a grace), kills the container when it
 * passes, and trusts nothing the program could have written: every byte of the program's output reaches the host
 * inside a frame of the runner's.
 */
public final class ContainerExecution {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerExecution.class);
    /** Start-up and reporting slack per step; the runner's backstop uses the same (see runner.c). */
    static final Duration PER_RUN_SLACK = Duration.ofSeconds(1);
    /** The host waits this much longer than the runner's own backstop before it kills the container itself. */
    private static final Duration HOST_GRACE = Duration.ofSeconds(4);
    /** How long the stream may take to end after the container was killed. */
    private static final Duration END_WAIT = Duration.ofSeconds(10);
    /** How long the engine may take to record the end of a container whose stream has ended (see settledState). */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(3);
    private static final long SETTLE_POLL_MILLIS = 50;
    private static final int SIGKILL = 9;
    private static final int KILLED_EXIT_CODE = 128 + SIGKILL;
    /** Exit code of the runner when its own deadline killed the job (see runner.c). */
    private static final int RUNNER_BACKSTOP_EXIT = 4;
    /** The most of the runner's own diagnostics an exception message quotes. */
    private static final int DIAGNOSTICS_EXCERPT = 200;

    private final DockerEngine engine;
    private final ContainerJanitor janitor;
    private final ExecutorService attachThreads;

    public ContainerExecution(DockerEngine engine, ContainerJanitor janitor, ExecutorService attachThreads) {
        this.engine = engine;
        this.janitor = janitor;
        this.attachThreads = attachThreads;
    }

    /** Runs the job in the (started, owned) container and removes the container afterwards, in every case. */
    public JobOutcome run(String containerId, String language, JobEncoder.Job job) {
        return run(containerId, language, job, null);
    }

    /**
     * Like {@link #run(String, String, JobEncoder.Job)}, and passes the output to {@code live} as it arrives, when
     * not null. Waits for nothing of {@code live}'s: its caller finishes it.
     */
    public JobOutcome run(String containerId, String language, JobEncoder.Job job, @Nullable LiveOutput live) {
        RunnerOutputCollector output = new RunnerOutputCollector(job.compileOutputCap(), job.runOutputCap(), live);
        boolean removed = false;
        try {
            long attached = System.nanoTime();
            attach(containerId, JobEncoder.encode(job), output);
            return supervise(containerId, job, output, attached);
        } catch (InterruptedException e) {
            // Cleared while we remove the container (an interrupted thread cannot talk to the engine), then restored.
            janitor.removeNow(containerId);
            removed = true;
            Thread.currentThread().interrupt();
            throw new ExecutionInterruptedException("interrupted while executing " + language
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

    /** The host's deadline for the whole job: the runner's own budget (runner.c) plus a grace. */
    static Duration hostDeadline(JobEncoder.Job job) {
        Duration perRun = job.runTimeout().plus(PER_RUN_SLACK);
        Duration compile = job.plan().hasCompileStep() ? job.compileTimeout() : Duration.ZERO;
        return compile.plus(perRun.multipliedBy(job.stdins().size())).plus(HOST_GRACE);
    }

    private JobOutcome supervise(String containerId, JobEncoder.Job job, RunnerOutputCollector output, long attached)
            throws InterruptedException {
        boolean ended = output.awaitEnd(attached + hostDeadline(job).toNanos());
        if (!ended) {
            LOG.debug("killing container {}: the job passed the host's deadline", containerId);
            engine.kill(containerId);
            output.awaitStreamEnd(END_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        RunnerOutputCollector.Snapshot done = output.snapshot();
        if (done.protocolBroken()) {
            throw runnerFailure(containerId, done, "its output broke the runner protocol");
        }
        if (done.jobEnded()) {
            return outcome(job, withEngineOomKill(containerId, done), null);
        }
        // The job did not finish: the host's deadline passed, or the stream ended early.
        ExecutionStatus cut = ended ? endedEarly(containerId, job, done) : hostTimeout(job, done);
        return outcome(job, done, cut);
    }

    /**
     * The finished job, with the engine's record of an OOM kill given to the run it belongs to when the runner could
     * not count OOM kills. Under gVisor the sandbox has no cgroup OOM counter, and on gVisor's systrap platform the
     * host's OOM killer ends only the memory hog's stub process: gVisor's kernel lives on, the process ends with a
     * plain exit status (1) and the runner reports it. The container's engine record (OOMKilled, once the container
     * has stopped; the runner exits after its last report) then says what happened, as the cgroup's count says it
     * under runc: the only run takes it, even when it exited 0 (a child was killed); of several runs, the only one
     * that failed. When several failed, which one the kill ended cannot be told, and none is marked.
     */
    private RunnerOutputCollector.Snapshot withEngineOomKill(String containerId, RunnerOutputCollector.Snapshot done)
            throws InterruptedException {
        int taker = oomTaker(done.runs());
        if (taker < 0 || !settledState(containerId).map(DockerEngine.ContainerState::oomKilled).orElse(false)) {
            return done;
        }
        return done.withRun(taker, done.runs().get(taker).withEngineOomKill());
    }

    /** The run an OOM kill the runner could not count belongs to (see {@link #withEngineOomKill}), or -1. */
    static int oomTaker(List<RunnerOutputCollector.Run> runs) {
        if (runs.size() == 1) {
            return runs.get(0).report().oomCountUnknown() ? 0 : -1;
        }
        int taker = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).report().failedWithOomUnknown()) {
                if (taker >= 0) {
                    return -1;
                }
                taker = i;
            }
        }
        return taker;
    }

    /** The stream ended before the runner said the job is over: find out from the engine why. */
    private ExecutionStatus endedEarly(String containerId, JobEncoder.Job job, RunnerOutputCollector.Snapshot done)
            throws InterruptedException {
        DockerEngine.ContainerState state = settledState(containerId).orElse(null);
        LOG.debug("the stream of container {} ended before the job did; the engine says {}, the runner said '{}'",
                containerId, state, excerpt(done.diagnostics()));
        if (state == null && done.failure() != null) {
            throw new EngineUnavailableException("lost the execution's container " + containerId
                    + " and its stream (" + done.failure() + "); was the Docker Engine restarted?", done.failure());
        }
        if (state != null && state.oomKilled()) {
            // The kernel killed the runner itself for memory (the job's processes are preferred, but files in the
            // tmpfs areas belong to no process). Under gVisor the host kernel kills the sandbox's own kernel, and with
            // it everything, before the runner can say a word: so this comes before "nothing arrived", which would
            // take a silent memory hog's container for one lost before its job.
            return inCompileStep(job, done) ? ExecutionStatus.COMPILE_ERROR : ExecutionStatus.MEMORY_LIMIT_EXCEEDED;
        }
        if (nothingArrived(done)) {
            throw new ContainerLostException("container " + containerId + " ended before its job started", done.failure());
        }
        if (state != null && Integer.valueOf(RUNNER_BACKSTOP_EXIT).equals(state.exitCode())) {
            return hostTimeout(job, done);
        }
        throw runnerFailure(containerId, done, "it ended without its report");
    }

    /**
     * The container's state once the engine has recorded its end, or as it is after {@link #SETTLE_WAIT}. The stream
     * can end a moment before the engine hears of the exit and of the OOM kill: under gVisor the host's OOM killer
     * ends the whole sandbox, its stream closes at once, and an inspection in that moment still says "running, not
     * OOM-killed", which would turn a memory hog's result into a runner failure.
     */
    private Optional<DockerEngine.ContainerState> settledState(String containerId) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        Optional<DockerEngine.ContainerState> state = engine.inspect(containerId);
        while (state.isPresent() && state.get().running() && System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_POLL_MILLIS);
            state = engine.inspect(containerId);
        }
        return state;
    }

    private static boolean nothingArrived(RunnerOutputCollector.Snapshot done) {
        return done.compile() == null && done.runs().isEmpty() && done.compileOutput().length == 0
                && done.unfinished().stdout().length == 0 && done.unfinished().stderr().length == 0
                && done.diagnostics().length == 0;
    }

    private static boolean inCompileStep(JobEncoder.Job job, RunnerOutputCollector.Snapshot done) {
        return job.plan().hasCompileStep() && done.compile() == null;
    }

    private static ExecutionStatus hostTimeout(JobEncoder.Job job, RunnerOutputCollector.Snapshot done) {
        return inCompileStep(job, done) ? ExecutionStatus.COMPILE_TIMEOUT : ExecutionStatus.TIMEOUT;
    }

    /**
     * The job's outcome from the runner's reports; {@code cut} is how the step in progress ended when the job did
     * not finish (the host's deadline, the kernel's memory killer), null when it finished.
     */
    private static JobOutcome outcome(JobEncoder.Job job, RunnerOutputCollector.Snapshot done,
            @Nullable ExecutionStatus cut) {
        RunnerReport compile = done.compile();
        String compileOutput = decode(done.compileOutput());
        boolean compileCut = done.compileOutputCut() || (compile != null && compile.stdoutTruncated());
        Duration compileTime = compile != null ? compile.wallTime() : Duration.ZERO;
        Long compilePeak = compile != null ? compile.peakMemoryBytes() : null;
        boolean warm = (compile != null && compile.warm())
                || (!done.runs().isEmpty() && done.runs().get(0).report().warm());
        if (inCompileStep(job, done) && cut != null) {
            ExecutionResult failure = ExecutionResult.builder(cut).exitCode(KILLED_EXIT_CODE).signal(SIGKILL)
                    .compileOutput(cut == ExecutionStatus.COMPILE_ERROR ? withKilledNote(compileOutput, SIGKILL, true)
                            : compileOutput)
                    .compileOutputTruncated(compileCut).build();
            return new JobOutcome(failure, compileOutput, compileCut, compileTime, compilePeak, List.of(), warm);
        }
        if (compile != null && !compile.succeeded()) {
            ExecutionResult failure = (compile.timedOut()
                    ? ExecutionResult.builder(ExecutionStatus.COMPILE_TIMEOUT).compileOutput(compileOutput)
                    : ExecutionResult.builder(ExecutionStatus.COMPILE_ERROR)
                            .compileOutput(withKilledNote(compileOutput, compile.signal(), compile.oomKilled())))
                    .exitCode(compile.shellExitCode()).signal(compile.endingSignal())
                    .compileOutputTruncated(compileCut).compileTime(compileTime).compilePeakMemoryBytes(compilePeak)
                    .build();
            return new JobOutcome(failure, compileOutput, compileCut, compileTime, compilePeak, List.of(), warm);
        }
        List<ExecutionResult> runs = new ArrayList<>();
        for (RunnerOutputCollector.Run run : done.runs()) {
            runs.add(runResult(run));
        }
        if (cut != null && runs.size() < job.stdins().size()) {
            RunnerOutputCollector.Run unfinished = done.unfinished();
            runs.add(ExecutionResult.builder(cut).stdout(decode(unfinished.stdout())).stderr(decode(unfinished.stderr()))
                    .stdoutTruncated(unfinished.stdoutCut()).stderrTruncated(unfinished.stderrCut())
                    .exitCode(KILLED_EXIT_CODE).signal(SIGKILL).oomKilled(cut == ExecutionStatus.MEMORY_LIMIT_EXCEEDED)
                    .wallTime(job.runTimeout()).build());
        }
        return new JobOutcome(null, compileOutput, compileCut, compileTime, compilePeak, runs, warm);
    }

    /** One run's result, from the runner's report: the status from kernel facts and the runner's own counters. */
    static ExecutionResult runResult(RunnerOutputCollector.Run run) {
        RunnerReport report = run.report();
        return ExecutionResult.builder(status(report, run.stdoutCut() || run.stderrCut()))
                .stdout(decode(run.stdout())).stderr(decode(run.stderr()))
                .stdoutTruncated(run.stdoutCut()).stderrTruncated(run.stderrCut())
                .exitCode(report.shellExitCode()).signal(report.endingSignal())
                .wallTime(report.wallTime()).cpuTime(report.cpuTime()).peakMemoryBytes(report.peakMemoryBytes())
                .oomKilled(report.oomKilled()).build();
    }

    /** Output limit, then memory, then timeout, then the exit status: see {@link ExecutionStatus}. */
    static ExecutionStatus status(RunnerReport report, boolean outputCut) {
        if (outputCut) {
            return ExecutionStatus.OUTPUT_LIMIT_EXCEEDED;
        }
        if (report.oomKilled()) {
            return ExecutionStatus.MEMORY_LIMIT_EXCEEDED;
        }
        if (report.timedOut()) {
            return ExecutionStatus.TIMEOUT;
        }
        return report.succeeded() ? ExecutionStatus.SUCCESS : ExecutionStatus.RUNTIME_ERROR;
    }

    /** COMPILE_ERROR promises that the compile output says why; a killed compiler says nothing itself. */
    private static String withKilledNote(String output, int signal, boolean oomKilled) {
        if (signal == 0) {
            return output;
        }
        return output + (output.isEmpty() || output.endsWith("\n") ? "" : "\n") + "jsandbox: the compiler was killed by"
                + " signal " + signal + (oomKilled ? " (it ran out of memory)" : "") + "\n";
    }

    /**
     * The runner failed: an image of another version, or a broken runner. The message quotes at most a short,
     * escaped excerpt of the runner's own diagnostics - never the program's output, which arrives in frames.
     */
    private static SandboxException runnerFailure(String containerId, RunnerOutputCollector.Snapshot done, String what) {
        String diagnostics = excerpt(done.diagnostics());
        return new SandboxException("the sandbox runner in container " + containerId + " failed: " + what
                + (diagnostics.isEmpty() ? "" : " (runner said: " + diagnostics + ")")
                + "; is the image built by this version's docker/build-images.sh?", done.failure());
    }

    /** At most {@value #DIAGNOSTICS_EXCERPT} bytes, printable ASCII only, everything else escaped. */
    static String excerpt(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int length = Math.min(bytes.length, DIAGNOSTICS_EXCERPT);
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return (bytes.length > length ? out.append("...") : out).toString().strip();
    }

    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
