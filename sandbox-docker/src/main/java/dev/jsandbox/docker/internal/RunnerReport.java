package dev.jsandbox.docker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The runner's two report lines, parsed. Lines that do not carry the job's nonce are not reports. */
final class RunnerReport {
    static final String COMPILE_PREFIX = "\0jsandbox:compile ";
    static final String EXIT_PREFIX = "\0jsandbox:exit ";
    static final String END_PREFIX = "\0jsandbox:end ";
    /** Longest report line the runner writes, with room to spare. */
    static final int MAX_LINE = 256;

    private RunnerReport() {
    }

    /** Outcome of the compile step, and where the program's stdout starts. */
    record Compile(String outcome, int exitCode, int signal, Duration time, boolean truncated, int outputLength) {
        boolean failed() {
            return outcome.equals("failed");
        }

        boolean timedOut() {
            return outcome.equals("timeout");
        }
    }

    /** How the program ended, as seen from inside the container. */
    record Exit(int exitCode, int signal, Duration wallTime, Duration cpuTime, long oomKills) {
    }

    static @Nullable Compile parseCompile(String line, String nonce) {
        String[] f = fields(line, COMPILE_PREFIX, nonce, 8);
        if (f == null) {
            return null;
        }
        return new Compile(f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), micros(f[5]), f[6].equals("1"),
                Integer.parseInt(f[7]));
    }

    static boolean isEnd(String line, String nonce) {
        return line.equals(END_PREFIX + nonce);
    }

    static @Nullable Exit parseExit(String line, String nonce) {
        String[] f = fields(line, EXIT_PREFIX, nonce, 7);
        if (f == null) {
            return null;
        }
        return new Exit(Integer.parseInt(f[2]), Integer.parseInt(f[3]), micros(f[4]), micros(f[5]), Long.parseLong(f[6]));
    }

    /** Splits "PREFIX nonce f2 f3 ..." (without the newline); null when it is not a report of this job. */
    private static String @Nullable [] fields(String line, String prefix, String nonce, int count) {
        if (!line.startsWith(prefix)) {
            return null;
        }
        String[] parts = (prefix.substring(1, prefix.length() - 1) + " " + line.substring(prefix.length())).split(" ");
        if (parts.length != count || !parts[1].equals(nonce)) {
            return null;
        }
        for (int i = 2; i < count; i++) {
            if (i != 2 || !prefix.equals(COMPILE_PREFIX)) {
                if (!parts[i].matches("-?\\d{1,18}")) {
                    return null;
                }
            }
        }
        return parts;
    }

    private static Duration micros(String value) {
        return Duration.ofNanos(Long.parseLong(value) * 1000);
    }

    static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
