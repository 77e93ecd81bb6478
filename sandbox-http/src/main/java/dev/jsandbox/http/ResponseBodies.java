package dev.jsandbox.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.SandboxHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of successful responses, as described in {@code openapi.json}. Times are whole milliseconds. */
final class ResponseBodies {

    private ResponseBodies() {
    }

    /** The original system's four fields first, then what the sandbox adds. */
    @JsonPropertyOrder({"stdout", "stderr", "executionTime", "exitCode", "status", "signal", "compileOutput",
            "compileTime", "cpuTime", "stdoutTruncated", "stderrTruncated", "oomKilled"})
    record Execution(String stdout, String stderr, long executionTime, @Nullable Integer exitCode, String status,
            @Nullable Integer signal, String compileOutput, long compileTime, @Nullable Long cpuTime,
            boolean stdoutTruncated, boolean stderrTruncated, boolean oomKilled) {

        static Execution of(ExecutionResult result) {
            return new Execution(result.stdout(), result.stderr(), result.wallTime().toMillis(), result.exitCode(),
                    result.status().name(), result.signal(), result.compileOutput(), result.compileTime().toMillis(),
                    millis(result.cpuTime()), result.stdoutTruncated(), result.stderrTruncated(), result.oomKilled());
        }
    }

    @JsonPropertyOrder({"id", "name", "version", "aliases", "fileExtension", "compiled", "available"})
    record Language(String id, String name, String version, List<String> aliases, String fileExtension,
            boolean compiled, boolean available) {

        static Language of(LanguageInfo info) {
            return new Language(info.id(), info.displayName(), info.version(), info.aliases(), info.fileExtension(),
                    info.compiled(), info.available());
        }
    }

    @JsonPropertyOrder({"status", "engineReachable", "engineVersion", "images", "activeExecutions",
            "maxConcurrentExecutions", "queuedExecutions", "maxQueuedExecutions", "problems"})
    record Health(String status, boolean engineReachable, @Nullable String engineVersion, Map<String, Boolean> images,
            int activeExecutions, int maxConcurrentExecutions, int queuedExecutions, int maxQueuedExecutions,
            List<String> problems) {

        static Health of(SandboxHealth health, int queued, int maxQueued) {
            return new Health(health.status().name(), health.engineVersion() != null, health.engineVersion(),
                    health.images(), health.activeExecutions(), health.maxConcurrentExecutions(), queued, maxQueued,
                    health.problems());
        }
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
