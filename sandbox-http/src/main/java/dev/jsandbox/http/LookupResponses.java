package dev.jsandbox.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.SandboxHealth;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The bodies of {@code GET /api/languages} and {@code GET /api/health}, as described in {@code openapi.json}. */
final class LookupResponses {

    private LookupResponses() {
    }

    @JsonPropertyOrder({"id", "name", "version", "aliases", "fileExtension", "compiled", "available"})
    record Language(String id, String name, String version, List<String> aliases, String fileExtension,
            boolean compiled, boolean available) {

        static Language of(LanguageInfo info) {
            return new Language(info.id(), info.displayName(), info.version(), info.aliases(), info.fileExtension(),
                    info.compiled(), info.available());
        }
    }

    /** The queue figures are the sandbox's own: it is the one that admits or refuses executions. */
    @JsonPropertyOrder({"status", "engineReachable", "engineVersion", "images", "activeExecutions",
            "maxConcurrentExecutions", "queuedExecutions", "maxQueuedExecutions", "problems"})
    record Health(String status, boolean engineReachable, @Nullable String engineVersion, Map<String, Boolean> images,
            int activeExecutions, int maxConcurrentExecutions, int queuedExecutions, int maxQueuedExecutions,
            List<String> problems) {

        static Health of(SandboxHealth health) {
            return new Health(health.status().name(), health.engineVersion() != null, health.engineVersion(),
                    health.images(), health.activeExecutions(), health.maxConcurrentExecutions(),
                    health.queuedExecutions(), health.maxQueuedExecutions(), health.problems());
        }
    }
}
