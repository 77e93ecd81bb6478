package dev.jsandbox.security;

import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LimitOverrides;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a hostile case must do, read from its {@code .expect} file (Java properties, UTF-8). The format is described
 * in {@code hostile/README.md}. Expected values may use placeholders such as {@code ${maxOutputBytes}}; the program
 * text may use {@code @@NAME@@} markers, replaced before it is sent (for bytes a resource file should not hold, like
 * NUL, and for values known only at run time).
 */
public final class Expectations {

    private static final Set<String> KEYS = Set.of(
            "description", "status", "rejected", "rejected.message",
            "limits.timeout", "limits.compileTimeout", "limits.memory", "limits.maxProcesses", "limits.maxOutputBytes",
            "stdin", "stdin.bytes",
            "stdout", "stdout.matches", "stdout.bytes", "stdout.startsWith", "stdout.endsWith",
            "stderr", "stderr.matches", "stderr.bytes", "stderr.startsWith", "stderr.endsWith",
            "compileOutput", "compileOutput.matches",
            "stdoutTruncated", "stderrTruncated", "truncated.any", "exitCode", "signal", "oomKilled",
            "wallTime.max", "wallTime.min", "elapsed.max", "compileTime.max", "cpuTime.min",
            "peakMemory.min", "peakMemory.max", "runs", "then", "alongside");
    private static final List<String> KEY_PREFIXES = List.of("args.", "code.", "stdout.contains", "stdout.excludes",
            "stderr.contains", "stderr.excludes", "compileOutput.contains", "compileOutput.excludes", "output.excludes");
    /** {@code ${name}}, or {@code $${name}} for the literal text {@code ${name}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([A-Za-z0-9_]+)}");
    private static final Pattern DURATION = Pattern.compile("(?:(timeout|compileTimeout)\\s*\\+\\s*)?(\\d+)(ms|s)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(KiB|MiB)?");

    private final Map<String, String> values;

    /**
     * @throws IllegalArgumentException for an unknown key or a malformed value
     */
    public Expectations(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        for (String key : this.values.keySet()) {
            if (!KEYS.contains(key) && KEY_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw new IllegalArgumentException("unknown expectation key '" + key + "'");
            }
        }
        if (!values.containsKey("status") && !values.containsKey("rejected")) {
            throw new IllegalArgumentException("every case states its 'status' (or that it is 'rejected')");
        }
        if (values.containsKey("status")) {
            statuses();
        }
        if (!values.containsKey("description")) {
            throw new IllegalArgumentException("every case has a one-line 'description' (it goes into SECURITY.md)");
        }
        limits();
        args();
        stdin();
        runs();
        get("exitCode").ifPresent(v -> {
            try {
                Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("exitCode is always a number (128+N when signal N ended the"
                        + " program), not '" + v + "'");
            }
        });
        for (String key : List.of("wallTime.max", "wallTime.min", "elapsed.max", "compileTime.max", "cpuTime.min")) {
            get(key).ifPresent(v -> duration(v, Duration.ZERO, Duration.ZERO));
        }
    }

    public Map<String, String> values() {
        return values;
    }

    public String description() {
        return values.get("description");
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The accepted statuses; more than one only where the catalogue says why in a comment. */
    public List<ExecutionStatus> statuses() {
        String status = values.get("status");
        if (status == null) {
            return List.of();
        }
        return Arrays.stream(status.split("\\|")).map(String::strip).map(ExecutionStatus::valueOf).toList();
    }

    /** The simple name of the exception the request must be rejected with, if it must be rejected. */
    public Optional<String> rejected() {
        return get("rejected");
    }

    public int runs() {
        return Integer.parseInt(values.getOrDefault("runs", "1"));
    }

    /** Arguments in the order of their numbers ({@code args.1}, {@code args.2}, ...). */
    public List<String> args() {
        Map<Integer, String> numbered = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("args.")) {
                numbered.put(Integer.parseInt(key.substring(5)), value);
            }
        });
        return List.copyOf(numbered.values());
    }

    /** The program's stdin: {@code stdin} literally, or {@code stdin.bytes} generated lines of 63 'x' and a newline. */
    public String stdin() {
        if (values.containsKey("stdin.bytes")) {
            int bytes = (int) size(values.get("stdin.bytes"));
            StringBuilder stdin = new StringBuilder(bytes);
            String line = "x".repeat(63) + "\n";
            while (stdin.length() + line.length() <= bytes) {
                stdin.append(line);
            }
            stdin.append("x".repeat(bytes - stdin.length()));
            return stdin.toString();
        }
        return values.getOrDefault("stdin", "");
    }

    /** The request's limit overrides; a limit the case does not name keeps the sandbox's value. */
    public LimitOverrides limits() {
        LimitOverrides.Builder limits = LimitOverrides.builder();
        get("limits.timeout").map(v -> duration(v, null, null)).ifPresent(limits::timeout);
        get("limits.compileTimeout").map(v -> duration(v, null, null)).ifPresent(limits::compileTimeout);
        get("limits.memory").map(Expectations::size).ifPresent(limits::memoryBytes);
        get("limits.maxProcesses").map(Integer::valueOf).ifPresent(limits::maxProcesses);
        get("limits.maxOutputBytes").map(v -> (int) size(v)).ifPresent(limits::maxOutputBytes);
        return limits.build();
    }

    /** The program text with its {@code @@NAME@@} markers replaced by {@code code.NAME} values or run-time values. */
    public String program(String text, Map<String, String> runTimeValues) {
        Matcher marker = Pattern.compile("@@([A-Za-z0-9_]+)@@").matcher(text);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            String name = marker.group(1);
            if (name.equals("PADDING")) {
                marker.appendReplacement(out, "@@PADDING@@");
                continue;
            }
            String value = values.containsKey("code." + name) ? values.get("code." + name) : runTimeValues.get(name);
            if (value != null && values.containsKey("code." + name + ".repeat")) {
                value = value.repeat(Integer.parseInt(values.get("code." + name + ".repeat")));
            }
            if (value == null) {
                throw new IllegalStateException("the program uses @@" + name + "@@ but neither code." + name
                        + " nor a run-time value of that name exists");
            }
            marker.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        marker.appendTail(out);
        String program = out.toString();
        if (values.containsKey("code.padToBytes")) {
            // code.padToBytes = maxCodeBytes+1: the @@PADDING@@ marker becomes as many 'x' as make the code that size.
            String target = values.get("code.padToBytes").replace("maxCodeBytes", runTimeValues.get("maxCodeBytes"));
            long size = Arrays.stream(target.split("\\+")).map(String::strip).mapToLong(Long::parseLong).sum();
            long missing = size - (program.getBytes(StandardCharsets.UTF_8).length - "@@PADDING@@".length());
            if (!program.contains("@@PADDING@@") || missing < 0) {
                throw new IllegalStateException("code.padToBytes needs a @@PADDING@@ marker in a program shorter than " + size);
            }
            program = program.replace("@@PADDING@@", "x".repeat((int) missing));
        }
        return program;
    }

    /**
     * Compares a result with every expectation and returns what does not hold (empty when all hold).
     *
     * @param context the run-time values placeholders stand for (limits, stdin size, the canary...)
     * @param elapsed how long the host waited for the result
     * @param timing whether to check the time bounds ({@code wallTime.*}, {@code elapsed.max}, ...)
     */
    public List<String> verify(ExecutionResult result, Map<String, String> context, Duration elapsed, boolean timing) {
        List<String> failures = new ArrayList<>();
        Function<String, String> resolve = value -> resolve(value, context);
        if (!statuses().contains(result.status())) {
            failures.add("status " + result.status() + ", expected " + values.get("status"));
        }
        text(failures, "stdout", result.stdout(), resolve);
        text(failures, "stderr", result.stderr(), resolve);
        text(failures, "compileOutput", result.compileOutput(), resolve);
        values.forEach((key, value) -> {
            if (key.startsWith("output.excludes")) {
                String forbidden = resolve.apply(value);
                for (String stream : List.of(result.stdout(), result.stderr(), result.compileOutput())) {
                    if (!forbidden.isEmpty() && stream.contains(forbidden)) {
                        failures.add("the output contains the forbidden text '" + forbidden + "'");
                        break;
                    }
                }
            }
        });
        flag(failures, "stdoutTruncated", result.stdoutTruncated());
        flag(failures, "stderrTruncated", result.stderrTruncated());
        flag(failures, "oomKilled", result.oomKilled());
        if (Boolean.parseBoolean(values.getOrDefault("truncated.any", "false"))
                && !(result.stdoutTruncated() || result.stderrTruncated())) {
            failures.add("neither stream is marked truncated");
        }
        get("exitCode").ifPresent(expected -> {
            if (Integer.parseInt(expected.strip()) != result.exitCode()) {
                failures.add("exitCode is " + result.exitCode() + ", expected " + expected);
            }
        });
        nullableNumber(failures, "signal", result.signal());
        get("peakMemory.min").map(v -> size(resolve.apply(v))).ifPresent(min -> {
            if (result.peakMemoryBytes() == null || result.peakMemoryBytes() < min) {
                failures.add("peak memory " + result.peakMemoryBytes() + " bytes, expected at least " + min);
            }
        });
        get("peakMemory.max").map(v -> size(resolve.apply(v))).ifPresent(max -> {
            if (result.peakMemoryBytes() == null || result.peakMemoryBytes() >= max) {
                failures.add("peak memory " + result.peakMemoryBytes() + " bytes, expected less than " + max);
            }
        });
        if (!timing) {
            return failures;
        }
        Duration timeout = Duration.ofMillis(Long.parseLong(context.get("timeoutMillis")));
        Duration compileTimeout = Duration.ofMillis(Long.parseLong(context.get("compileTimeoutMillis")));
        get("wallTime.max").map(v -> duration(v, timeout, compileTimeout)).ifPresent(max -> {
            if (result.wallTime().compareTo(max) > 0) {
                failures.add("wall time " + result.wallTime().toMillis() + " ms, more than " + max.toMillis() + " ms");
            }
        });
        get("wallTime.min").map(v -> duration(v, timeout, compileTimeout)).ifPresent(min -> {
            if (result.wallTime().compareTo(min) < 0) {
                failures.add("wall time " + result.wallTime().toMillis() + " ms, less than " + min.toMillis() + " ms");
            }
        });
        get("compileTime.max").map(v -> duration(v, timeout, compileTimeout)).ifPresent(max -> {
            if (result.compileTime().compareTo(max) > 0) {
                failures.add("compile time " + result.compileTime().toMillis() + " ms, more than " + max.toMillis() + " ms");
            }
        });
        get("cpuTime.min").map(v -> duration(v, timeout, compileTimeout)).ifPresent(min -> {
            if (result.cpuTime() == null || result.cpuTime().compareTo(min) < 0) {
                failures.add("cpu time " + result.cpuTime() + ", expected at least " + min.toMillis() + " ms");
            }
        });
        get("elapsed.max").map(v -> duration(v, timeout, compileTimeout)).ifPresent(max -> {
            if (elapsed.compareTo(max) > 0) {
                failures.add("the call took " + elapsed.toMillis() + " ms, more than " + max.toMillis() + " ms");
            }
        });
        return failures;
    }

    /** The longest the host may wait for this case, for the test's own safety net. */
    public Duration elapsedBound(Duration timeout, Duration compileTimeout) {
        return get("elapsed.max").map(v -> duration(v, timeout, compileTimeout))
                .orElse(timeout.plus(compileTimeout).plusSeconds(30));
    }

    private void text(List<String> failures, String stream, String actual, Function<String, String> resolve) {
        get(stream).map(resolve).ifPresent(expected -> {
            if (!expected.equals(actual)) {
                failures.add(stream + " is\n" + abbreviate(actual) + "\nexpected exactly\n" + abbreviate(expected));
            }
        });
        get(stream + ".matches").map(resolve).ifPresent(regex -> {
            if (!Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches()) {
                failures.add(stream + " does not match /" + regex + "/:\n" + abbreviate(actual));
            }
        });
        get(stream + ".startsWith").map(resolve).ifPresent(prefix -> {
            if (!actual.startsWith(prefix)) {
                failures.add(stream + " does not start with '" + prefix + "':\n" + abbreviate(actual));
            }
        });
        get(stream + ".endsWith").map(resolve).ifPresent(suffix -> {
            if (!actual.endsWith(suffix)) {
                failures.add(stream + " does not end with '" + suffix + "':\n" + abbreviate(actual));
            }
        });
        get(stream + ".bytes").map(resolve).ifPresent(bytes -> {
            int length = actual.getBytes(StandardCharsets.UTF_8).length;
            if (length != Long.parseLong(bytes)) {
                failures.add(stream + " has " + length + " bytes, expected " + bytes);
            }
        });
        values.forEach((key, value) -> {
            if (key.startsWith(stream + ".contains")) {
                String wanted = resolve.apply(value);
                if (!actual.contains(wanted)) {
                    failures.add(stream + " lacks '" + wanted + "':\n" + abbreviate(actual));
                }
            } else if (key.startsWith(stream + ".excludes")) {
                String forbidden = resolve.apply(value);
                if (!forbidden.isEmpty() && actual.contains(forbidden)) {
                    failures.add(stream + " contains the forbidden text '" + forbidden + "'");
                }
            }
        });
    }

    private void flag(List<String> failures, String key, boolean actual) {
        get(key).ifPresent(expected -> {
            if (Boolean.parseBoolean(expected) != actual) {
                failures.add(key + " is " + actual + ", expected " + expected);
            }
        });
    }

    private void nullableNumber(List<String> failures, String key, @Nullable Integer actual) {
        get(key).ifPresent(expected -> {
            Integer wanted = expected.strip().equals("none") ? null : Integer.valueOf(expected.strip());
            if (!Objects.equals(wanted, actual)) {
                failures.add(key + " is " + actual + ", expected " + expected);
            }
        });
    }

    static String resolve(String value, Map<String, String> context) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String replacement = placeholder.group(1).isEmpty() ? context.get(placeholder.group(2))
                    : "${" + placeholder.group(2) + "}";
            if (replacement == null) {
                throw new IllegalStateException("unknown placeholder ${" + placeholder.group(2) + "}");
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /** {@code 500ms}, {@code 2s}, {@code timeout+500ms}, {@code compileTimeout+2s}. */
    static Duration duration(String value, @Nullable Duration timeout, @Nullable Duration compileTimeout) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + value + "'");
        }
        Duration amount = m.group(3).equals("ms") ? Duration.ofMillis(Long.parseLong(m.group(2)))
                : Duration.ofSeconds(Long.parseLong(m.group(2)));
        if (m.group(1) == null) {
            return amount;
        }
        Duration base = m.group(1).equals("timeout") ? timeout : compileTimeout;
        if (base == null) {
            throw new IllegalArgumentException("'" + value + "' is relative to a limit, which is not allowed here");
        }
        return base.plus(amount);
    }

    /** {@code 1000}, {@code 64KiB}, {@code 10MiB}. */
    static long size(String value) {
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + value + "'");
        }
        long number = Long.parseLong(m.group(1));
        return m.group(2) == null ? number : m.group(2).equals("KiB") ? number * 1024 : number * 1024 * 1024;
    }

    private static String abbreviate(String text) {
        return text.length() <= 1500 ? text : text.substring(0, 1500) + "... (" + text.length() + " chars)";
    }
}
