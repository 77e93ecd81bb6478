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
 * Encodes a job for the in-container runner ({@code docker/base/runner/runner.c}): length-prefixed items, then the
 * program's stdin. The job travels over the container's attached stdin; it is never part of a command line, a
 * shell string or a host path.
 */
public final class JobEncoder {

    /** The fixed environment of every job; a plan may add variables or replace these. Nothing else leaks in. */
    static final Map<String, String> BASE_ENVIRONMENT = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME", "/workspace",
            "LANG", "C.UTF-8",
            "TMPDIR", "/tmp");

    private static final String FORMAT = "jsandbox-job/1";

    private JobEncoder() {
    }

    /** The job's bytes, the program's stdin included. */
    public static byte[] encode(Job job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(job.code().length + job.stdin().length + 1024);
        item(out, FORMAT);
        item(out, job.nonce());
        item(out, Long.toString(job.compileTimeout().toMillis()));
        item(out, Long.toString(job.runTimeout().toMillis()));
        item(out, Integer.toString(job.maxOutputBytes()));
        item(out, "1");
        item(out, job.plan().sourceFileName());
        item(out, job.code());
        Map<String, String> environment = new LinkedHashMap<>(BASE_ENVIRONMENT);
        environment.putAll(job.plan().environment());
        List<String> variables = new ArrayList<>();
        environment.forEach((name, value) -> variables.add(name + "=" + value));
        list(out, variables);
        list(out, job.plan().compileCommand());
        List<String> run = new ArrayList<>(job.plan().runCommand());
        run.addAll(job.args());
        list(out, run);
        item(out, Integer.toString(job.stdin().length));
        out.writeBytes(job.stdin());
        return out.toByteArray();
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

    /**
     * One job.
     *
     * @param nonce a random token the runner echoes in its report lines, so the program cannot forge them
     * @param plan what to compile and run
     * @param code the source file's bytes
     * @param args arguments appended to the run command
     * @param stdin the program's stdin
     * @param compileTimeout how long the runner lets the compiler run
     * @param runTimeout the runner's own deadline for the program (the host's is authoritative and shorter)
     * @param maxOutputBytes how much compiler output the runner keeps
     */
    public record Job(String nonce, ExecutionPlan plan, byte[] code, List<String> args, byte[] stdin,
            Duration compileTimeout, Duration runTimeout, int maxOutputBytes) {
    }
}
