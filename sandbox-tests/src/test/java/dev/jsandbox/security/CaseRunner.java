package dev.jsandbox.security;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link HostileCase} into a request for one sandbox, runs it and compares what happened with the case's
 * expectations. Shared by the catalogue and by the load tests, which replay catalogue cases concurrently.
 */
public final class CaseRunner implements AutoCloseable {

    /** Set by maven-failsafe in the test JVM's environment (sandbox-tests/pom.xml); must never reach a program. */
    public static final String CANARY_VARIABLE = "JSANDBOX_CANARY";
    /** The variables every program gets (ExecutionPlan's documented fixed set); a plan may add its own. */
    static final List<String> FIXED_ENVIRONMENT = List.of("HOME", "LANG", "PATH", "TMPDIR");

    private final CodeSandbox sandbox;
    private final Limits configured;
    private final Path hostCanaryFile;
    private final String hostCanarySecret;

    /**
     * @param sandbox where the cases run
     * @param configured the sandbox's configured limits (requests lower them)
     */
    public CaseRunner(CodeSandbox sandbox, Limits configured) {
        this.sandbox = sandbox;
        this.configured = configured;
        // A host file with a secret no image holds: programs and compilers try to read it by its host path.
        this.hostCanarySecret = "host-secret-" + UUID.randomUUID();
        try {
            this.hostCanaryFile = Files.createTempFile("jsandbox-host-canary", ".txt");
            Files.writeString(hostCanaryFile, hostCanarySecret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The language whose runtime claims the case's file extension, if the class path has one. */
    public Optional<LanguageInfo> language(HostileCase hostile) {
        return sandbox.languages().stream().filter(l -> l.fileExtension().equals(hostile.extension())).findFirst();
    }

    /** A case made ready to run: the request (or the text the program would have had) and the placeholders' values. */
    public record Prepared(HostileCase hostile, String languageId, String code, String stdin,
            Map<String, String> values, Limits effective) {

        /** The request; building it may already reject it (a NUL in an argument). */
        public ExecutionRequest request() {
            Expectations expect = hostile.expectations();
            return ExecutionRequest.builder(languageId, code).stdin(stdin).args(expect.args())
                    .limitOverrides(expect.limits()).build();
        }
    }

    /** What running a prepared case gave: a result, or the exception that rejected it. */
    public record Outcome(@Nullable ExecutionResult result, @Nullable SandboxException rejection, Duration elapsed) {
    }

    public Prepared prepare(HostileCase hostile, String languageId) {
        Expectations expect = hostile.expectations();
        Limits effective = configured.narrowedBy(expect.limits());
        Map<String, String> values = values(effective);
        String code = expect.program(HostileCatalogue.text(hostile), values);
        String stdin = expect.stdin();
        values.put("codeSha256", sha256(code.getBytes(StandardCharsets.UTF_8)));
        values.put("code", code);
        values.put("stdinBytes", Integer.toString(stdin.getBytes(StandardCharsets.UTF_8).length));
        values.put("allowedEnvironment", allowedEnvironment(languageId, code));
        return new Prepared(hostile, languageId, code, stdin, values, effective);
    }

    /** Runs the case once on the calling thread. */
    public Outcome run(Prepared prepared) {
        long started = System.nanoTime();
        try {
            ExecutionResult result = sandbox.execute(prepared.request());
            return new Outcome(result, null, Duration.ofNanos(System.nanoTime() - started));
        } catch (SandboxException e) {
            return new Outcome(null, e, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * What does not hold (empty when everything does).
     *
     * @param timing whether to check the time bounds too; not under load tests, which check outcomes only
     */
    public static List<String> check(Prepared prepared, Outcome outcome, boolean timing) {
        Expectations expect = prepared.hostile().expectations();
        List<String> failures = new ArrayList<>();
        if (expect.rejected().isPresent()) {
            SandboxException rejection = outcome.rejection();
            if (rejection == null) {
                failures.add("the request was not rejected: " + outcome.result());
            } else {
                if (!rejection.getClass().getSimpleName().equals(expect.rejected().get())) {
                    failures.add("rejected with " + rejection + ", expected " + expect.rejected().get());
                }
                expect.get("rejected.message").map(m -> Expectations.resolve(m, prepared.values())).ifPresent(m -> {
                    if (!String.valueOf(rejection.getMessage()).contains(m)) {
                        failures.add("the rejection '" + rejection.getMessage() + "' lacks '" + m + "'");
                    }
                });
            }
            return failures;
        }
        if (outcome.result() == null) {
            failures.add("no result but " + outcome.rejection());
            return failures;
        }
        failures.addAll(expect.verify(outcome.result(), prepared.values(), outcome.elapsed(), timing));
        // Whatever the case: no stream holds more than the limit (one byte decodes to at most one character).
        int limit = prepared.effective().maxOutputBytes();
        if (outcome.result().stdout().length() > limit || outcome.result().stderr().length() > limit) {
            failures.add("an output stream holds more than the limit of " + limit + " bytes");
        }
        return failures;
    }

    private Map<String, String> values(Limits limits) {
        String canary = System.getenv(CANARY_VARIABLE);
        if (canary == null || canary.isBlank()) {
            throw new IllegalStateException(CANARY_VARIABLE + " is not set in the test JVM's environment; "
                    + "maven-failsafe sets it (sandbox-tests/pom.xml). Without it the environment cases prove nothing.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("timeoutMillis", Long.toString(limits.timeout().toMillis()));
        values.put("compileTimeoutMillis", Long.toString(limits.compileTimeout().toMillis()));
        values.put("memoryBytes", Long.toString(limits.memoryBytes()));
        values.put("memoryMiB", Long.toString(limits.memoryBytes() >> 20));
        values.put("maxProcesses", Integer.toString(limits.maxProcesses()));
        values.put("maxOutputBytes", Integer.toString(limits.maxOutputBytes()));
        values.put("maxCodeBytes", Integer.toString(limits.maxCodeBytes()));
        values.put("maxStdinBytes", Integer.toString(limits.maxStdinBytes()));
        values.put("workspaceBytes", Long.toString(limits.workspaceBytes()));
        values.put("workspaceMiB", Long.toString(limits.workspaceBytes() >> 20));
        values.put("canaryName", CANARY_VARIABLE);
        values.put("canary", canary);
        values.put("hostCanaryFile", hostCanaryFile.toString());
        values.put("hostCanarySecret", hostCanarySecret);
        return values;
    }

    /** The variable names a program of this language may see: the fixed ones and its plan's, one per line. */
    private static String allowedEnvironment(String languageId, String code) {
        TreeSet<String> names = new TreeSet<>(FIXED_ENVIRONMENT);
        ServiceLoader.load(LanguageRuntime.class).stream().map(ServiceLoader.Provider::get)
                .filter(runtime -> runtime.id().equals(languageId)).findFirst()
                .ifPresent(runtime -> names.addAll(runtime.plan(new PlanRequest(code, List.of(), Limits.defaults())).environment().keySet()));
        return names.stream().map(name -> name + "\n").collect(Collectors.joining());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A result in a few lines, for failure messages. */
    public static String describe(@Nullable ExecutionResult result, Duration elapsed) {
        if (result == null) {
            return "no result";
        }
        return result.status() + " exit=" + result.exitCode() + " signal=" + result.signal() + " oom=" + result.oomKilled()
                + " wall=" + result.wallTime().toMillis() + "ms cpu=" + (result.cpuTime() == null ? "-"
                : result.cpuTime().toMillis() + "ms") + " compile=" + result.compileTime().toMillis() + "ms call="
                + elapsed.toMillis() + "ms truncated=" + result.stdoutTruncated() + "/" + result.stderrTruncated()
                + "\n--- stdout ---\n" + abbreviate(result.stdout()) + "\n--- stderr ---\n" + abbreviate(result.stderr())
                + "\n--- compile ---\n" + abbreviate(result.compileOutput());
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " chars)";
    }

    /** Deletes the host canary file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(hostCanaryFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
