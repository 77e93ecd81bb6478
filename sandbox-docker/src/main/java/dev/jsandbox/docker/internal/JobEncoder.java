package dev.jsandbox.docker.internal;

import dev.jsandbox.spi.ExecutionPlan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a job for the in-container runner ({@code docker/base/runner/runner.c}): length-prefixed items, the
 * stdin of each run last. The job travels over the container's attached stdin; it is never part of a command line,
 * a shell string or a host path.
 */
public final class JobEncoder {

    /** The fixed environment of every job; a plan may add variables or replace these. Nothing else leaks in. */
    static final Map<String, String> BASE_ENVIRONMENT = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME", "/workspace",
            "LANG", "C.UTF-8",
            "TMPDIR", "/tmp");

    private static final String FORMAT = "jsandbox-job/3";

    private JobEncoder() {
    }

    /** The job's bytes, every run's stdin included. */
    public static byte[] encode(Job job) {
        int size = job.files().stream().mapToInt(f -> f.content().length).sum()
                + job.stdins().stream().mapToInt(s -> s.length).sum() + 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        item(out, FORMAT);
        item(out, Long.toString(job.compileTimeout().toMillis()));
        item(out, Long.toString(job.runTimeout().toMillis()));
        item(out, Integer.toString(job.runOutputCap()));
        item(out, Integer.toString(job.compileOutputCap()));
        item(out, Integer.toString(job.files().size()));
        for (JobFile file : job.files()) {
            item(out, file.path());
            item(out, file.content());
        }
        list(out, environment(job.plan().environment()));
        list(out, job.plan().compileCommand());
        List<String> run = new ArrayList<>(job.plan().runCommand());
        run.addAll(job.args());
        list(out, run);
        item(out, Integer.toString(job.stdins().size()));
        job.stdins().forEach(stdin -> item(out, stdin));
        return out.toByteArray();
    }

    /** {@code KEY=VALUE} entries: the base environment with {@code extra} added (or replacing). */
    static List<String> environment(Map<String, String> extra) {
        Map<String, String> environment = new LinkedHashMap<>(BASE_ENVIRONMENT);
        environment.putAll(extra);
        List<String> variables = new ArrayList<>();
        environment.forEach((name, value) -> variables.add(name + "=" + value));
        return variables;
    }

    private static void list(ByteArrayOutputStream out, List<String> values) {
        item(out, Integer.toString(values.size()));
        values.forEach(value -> item(out, value));
    }

    private static void item(ByteArrayOutputStream out, String value) {
        item(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void item(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes((value.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
    }

    /** A file the runner writes into the workspace before anything runs; {@code path} is relative. */
    public record JobFile(String path, byte[] content) {
    }

    /**
     * One job.
     *
     * @param plan what to compile and run
     * @param files the main file first, then the request's other files
     * @param args arguments appended to the run command
     * @param stdins one stdin per run (one run, or one per test case)
     * @param compileTimeout the runner's deadline for the compile step
     * @param runTimeout the runner's deadline for each run
     * @param runOutputCap bytes of stdout and of stderr each run may write; one more stops it
     * @param compileOutputCap bytes of compiler output kept
     */
    public record Job(ExecutionPlan plan, List<JobFile> files, List<String> args, List<byte[]> stdins,
            Duration compileTimeout, Duration runTimeout, int runOutputCap, int compileOutputCap) {
    }
}
