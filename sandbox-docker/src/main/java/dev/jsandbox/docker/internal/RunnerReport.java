package dev.jsandbox.docker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How one step (the compile step, or one run of the program) ended, as the runner saw it from inside the container:
 * the kernel's exit status, the runner's own deadline and output counters, the cgroup's OOM kill count and memory
 * high-water mark. Nothing in it comes from the program's output: the runner writes it in a frame of its own.
 *
 * @param exitCode the exit status, or -1 when a signal ended the process
 * @param signal the signal that ended the process, 0 for none
 * @param timedOut true when the runner killed the step at its deadline
 * @param wallTime wall-clock time of the step
 * @param cpuTime CPU time of every process of the step
 * @param oomKills how many processes the kernel killed for memory during the step; -1 when the cgroup does not say
 *     (under gVisor: the library may then take the engine's record instead, see {@link #withEngineOomKill()})
 * @param peakBefore the cgroup's memory high-water mark before the step, -1 when unknown
 * @param peakAfter the cgroup's memory high-water mark after the step, -1 when unknown
 * @param maxRss the largest resident set of the step's main process and the children it waited for
 * @param stdoutTruncated true when the runner cut stdout (or the compiler's output) at the cap
 * @param stderrTruncated true when the runner cut stderr at the cap
 * @param warm true when the container's warm process (started before the job, see runner.c) took the step
 */
record RunnerReport(int exitCode, int signal, boolean timedOut, Duration wallTime, Duration cpuTime, long oomKills,
        long peakBefore, long peakAfter, long maxRss, boolean stdoutTruncated, boolean stderrTruncated, boolean warm) {

    private static final int SIGKILL = 9;
    private static final int FIELDS = 12;

    /** Parses a report frame's payload; null when it is not one (a runner of another version). */
    static @Nullable RunnerReport parse(byte[] payload) {
        String[] f = new String(payload, StandardCharsets.US_ASCII).split(" ");
        if (f.length != FIELDS) {
            return null;
        }
        try {
            long[] v = new long[FIELDS];
            for (int i = 0; i < FIELDS; i++) {
                v[i] = Long.parseLong(f[i]);
            }
            return new RunnerReport((int) v[0], (int) v[1], v[2] == 1, micros(v[3]), micros(v[4]), v[5], v[6], v[7],
                    v[8], v[9] == 1, v[10] == 1, v[11] == 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration micros(long value) {
        return Duration.ofNanos(value * 1000);
    }

    /** True when the process exited with status 0 within its deadline. */
    boolean succeeded() {
        return !timedOut && signal == 0 && exitCode == 0;
    }

    /** The exit code as a shell reports it: the status, or 128 + the signal that ended the process. */
    int shellExitCode() {
        if (signal > 0) {
            return 128 + signal;
        }
        return exitCode >= 0 ? exitCode : 128 + SIGKILL;
    }

    /** The signal that ended the process, or null. */
    @Nullable Integer endingSignal() {
        return signal > 0 ? signal : null;
    }

    boolean oomKilled() {
        return oomKills > 0;
    }

    /** Whether the runner could not count the step's OOM kills (no cgroup counter, as under gVisor). */
    boolean oomCountUnknown() {
        return oomKills < 0;
    }

    /** Whether the step failed and the runner could not read whether memory was the cause. */
    boolean failedWithOomUnknown() {
        return oomCountUnknown() && !succeeded();
    }

    /**
     * This report with one OOM kill, when the runner could not count them and the engine recorded that the host
     * killed a process of the container for memory (see ContainerExecution): the count is then the engine's fact.
     */
    RunnerReport withEngineOomKill() {
        return new RunnerReport(exitCode, signal, timedOut, wallTime, cpuTime, 1, peakBefore, peakAfter, maxRss,
                stdoutTruncated, stderrTruncated, warm);
    }

    /**
     * The step's peak memory: the cgroup's high-water mark when this step raised it, else (an earlier step had set
     * it higher, or the cgroup does not say) the largest resident set the kernel accounted to the step's processes.
     */
    @Nullable Long peakMemoryBytes() {
        if (peakAfter >= 0 && peakAfter > peakBefore) {
            return peakAfter;
        }
        return maxRss > 0 ? maxRss : null;
    }
}
