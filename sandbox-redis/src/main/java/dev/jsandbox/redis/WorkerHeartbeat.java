package dev.jsandbox.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxHealth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a live worker publishes under {@code <prefix>:worker:<name>} with a short TTL: its languages, its limits and
 * its sandbox's health, so that the API nodes can validate requests and report health without an engine of their own.
 */
record WorkerHeartbeat(String name, List<LanguageInfo> languages, Limits limits, SandboxHealth.Status status,
        @Nullable String engineVersion, Map<String, Boolean> images, int activeExecutions, int maxConcurrentExecutions,
        List<String> problems) {

    WorkerHeartbeat {
        languages = List.copyOf(languages);
        images = Map.copyOf(images);
        problems = List.copyOf(problems);
    }

    static WorkerHeartbeat of(String name, List<LanguageInfo> languages, Limits limits, SandboxHealth health,
            int activeExecutions, int concurrency) {
        return new WorkerHeartbeat(name, languages, limits, health.status(), health.engineVersion(), health.images(),
                activeExecutions, concurrency, health.problems());
    }

    String toJson() {
        ObjectNode node = BrokerJson.object();
        node.put("name", name);
        ArrayNode languageNodes = node.putArray("languages");
        languages.forEach(language -> languageNodes.add(BrokerJson.language(language)));
        node.set("limits", BrokerJson.limits(limits));
        node.put("status", status.name());
        node.put("engineVersion", engineVersion);
        ObjectNode imageNodes = node.putObject("images");
        new TreeMap<>(images).forEach(imageNodes::put);
        node.put("activeExecutions", activeExecutions);
        node.put("maxConcurrentExecutions", maxConcurrentExecutions);
        ArrayNode problemNodes = node.putArray("problems");
        problems.forEach(problemNodes::add);
        return BrokerJson.write(node);
    }

    static WorkerHeartbeat fromJson(String json) {
        JsonNode node = BrokerJson.read(json);
        Map<String, Boolean> images = new TreeMap<>();
        node.get("images").fields().forEachRemaining(image -> images.put(image.getKey(), image.getValue().asBoolean()));
        return new WorkerHeartbeat(BrokerJson.text(node, "name"),
                BrokerJson.list(node.get("languages"), BrokerJson::language),
                BrokerJson.limits(node.get("limits")),
                SandboxHealth.Status.valueOf(BrokerJson.text(node, "status")),
                BrokerJson.nullableText(node, "engineVersion"), images,
                node.get("activeExecutions").asInt(), node.get("maxConcurrentExecutions").asInt(),
                BrokerJson.list(node.get("problems"), JsonNode::asText));
    }
}
