package dev.jsandbox.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.OutputComparison;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.TestCaseResult;
import dev.jsandbox.api.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the broker stores: requests in the stream, results in the submission's hash, languages and limits in the
 * workers' heartbeats. Written field by field (no reflection on the API's types), so the format is ours and stable;
 * BrokerJsonTest fails when a type gains a field this class forgets. Durations are ISO-8601 ({@code PT1.5S}), exact
 * to the nanosecond.
 */
final class BrokerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BrokerJson() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the broker holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    // ---- ExecutionRequest

    static String request(ExecutionRequest request) {
        ObjectNode node = object();
        node.put("language", request.language());
        node.put("code", request.code());
        ArrayNode files = node.putArray("files");
        for (SourceFile file : request.files()) {
            files.addObject().put("name", file.name()).put("content", file.content());
        }
        node.put("stdin", request.stdin());
        ArrayNode args = node.putArray("args");
        request.args().forEach(args::add);
        ArrayNode cases = node.putArray("testCases");
        for (TestCase testCase : request.testCases()) {
            cases.addObject().put("input", testCase.input()).put("expectedOutput", testCase.expectedOutput());
        }
        node.put("comparison", request.comparison().name());
        node.set("limitOverrides", overrides(request.limitOverrides()));
        return write(node);
    }

    static ExecutionRequest request(String json) {
        JsonNode node = read(json);
        ExecutionRequest.Builder builder = ExecutionRequest.builder(text(node, "language"), text(node, "code"))
                .stdin(text(node, "stdin"))
                .args(list(node.get("args"), JsonNode::asText))
                .files(list(node.get("files"), file -> SourceFile.of(text(file, "name"), text(file, "content"))))
                .testCases(list(node.get("testCases"),
                        c -> new TestCase(text(c, "input"), nullableText(c, "expectedOutput"))))
                .comparison(OutputComparison.valueOf(text(node, "comparison")))
                .limitOverrides(overrides(node.get("limitOverrides")));
        return builder.build();
    }

    private static ObjectNode overrides(LimitOverrides overrides) {
        ObjectNode node = object();
        node.put("timeout", string(overrides.timeout()));
        node.put("compileTimeout", string(overrides.compileTimeout()));
        node.put("memoryBytes", overrides.memoryBytes());
        node.put("maxProcesses", overrides.maxProcesses());
        node.put("maxOutputBytes", overrides.maxOutputBytes());
        return node;
    }

    private static LimitOverrides overrides(JsonNode node) {
        return new LimitOverrides(duration(node, "timeout"), duration(node, "compileTimeout"),
                nullableLong(node, "memoryBytes"), nullableInt(node, "maxProcesses"), nullableInt(node, "maxOutputBytes"));
    }

    // ---- ExecutionResult

    static String result(ExecutionResult result) {
        return write(resultNode(result));
    }

    static ExecutionResult result(String json) {
        return result(read(json));
    }

    private static ObjectNode resultNode(ExecutionResult result) {
        ObjectNode node = object();
        node.put("status", result.status().name());
        node.put("stdout", result.stdout());
        node.put("stderr", result.stderr());
        node.put("exitCode", result.exitCode());
        node.put("signal", result.signal());
        node.put("wallTime", result.wallTime().toString());
        node.put("cpuTime", string(result.cpuTime()));
        node.put("peakMemoryBytes", result.peakMemoryBytes());
        node.put("stdoutTruncated", result.stdoutTruncated());
        node.put("stderrTruncated", result.stderrTruncated());
        node.put("oomKilled", result.oomKilled());
        node.put("compileOutput", result.compileOutput());
        node.put("compileTime", result.compileTime().toString());
        node.put("compileOutputTruncated", result.compileOutputTruncated());
        node.put("compilePeakMemoryBytes", result.compilePeakMemoryBytes());
        ArrayNode cases = node.putArray("testCases");
        for (TestCaseResult testCase : result.testCases()) {
            ObjectNode caseNode = cases.addObject();
            caseNode.put("index", testCase.index());
            caseNode.set("result", resultNode(testCase.result()));
            caseNode.put("passed", testCase.passed());
        }
        node.put("totalTestCases", result.totalTestCases());
        node.put("verdict", result.verdict() == null ? null : result.verdict().name());
        node.put("queueWait", result.queueWait().toString());
        return node;
    }

    private static ExecutionResult result(JsonNode node) {
        String verdict = nullableText(node, "verdict");
        JsonNode signal = node.get("signal");
        return ExecutionResult.builder(ExecutionStatus.valueOf(text(node, "status")))
                .stdout(text(node, "stdout"))
                .stderr(text(node, "stderr"))
                .exitCode(node.get("exitCode").asInt())
                .signal(signal == null || signal.isNull() ? null : signal.asInt())
                .wallTime(Duration.parse(text(node, "wallTime")))
                .cpuTime(duration(node, "cpuTime"))
                .peakMemoryBytes(nullableLong(node, "peakMemoryBytes"))
                .stdoutTruncated(node.get("stdoutTruncated").asBoolean())
                .stderrTruncated(node.get("stderrTruncated").asBoolean())
                .oomKilled(node.get("oomKilled").asBoolean())
                .compileOutput(text(node, "compileOutput"))
                .compileTime(Duration.parse(text(node, "compileTime")))
                .compileOutputTruncated(node.get("compileOutputTruncated").asBoolean())
                .compilePeakMemoryBytes(nullableLong(node, "compilePeakMemoryBytes"))
                .testCases(list(node.get("testCases"), c -> new TestCaseResult(c.get("index").asInt(),
                        result(c.get("result")), c.get("passed").isNull() ? null : c.get("passed").asBoolean())))
                .totalTestCases(node.get("totalTestCases").asInt())
                .verdict(verdict == null ? null : Verdict.valueOf(verdict))
                .queueWait(Duration.parse(text(node, "queueWait")))
                .build();
    }

    // ---- Limits and languages, as workers publish them

    static ObjectNode limits(Limits limits) {
        ObjectNode node = object();
        node.put("timeout", limits.timeout().toString());
        node.put("compileTimeout", limits.compileTimeout().toString());
        node.put("memoryBytes", limits.memoryBytes());
        node.put("maxProcesses", limits.maxProcesses());
        node.put("cpus", limits.cpus());
        node.put("maxCodeBytes", limits.maxCodeBytes());
        node.put("maxOutputBytes", limits.maxOutputBytes());
        node.put("maxStdinBytes", limits.maxStdinBytes());
        node.put("workspaceBytes", limits.workspaceBytes());
        node.put("maxTestCases", limits.maxTestCases());
        return node;
    }

    static Limits limits(JsonNode node) {
        return Limits.builder()
                .timeout(Duration.parse(text(node, "timeout")))
                .compileTimeout(Duration.parse(text(node, "compileTimeout")))
                .memoryBytes(node.get("memoryBytes").asLong())
                .maxProcesses(node.get("maxProcesses").asInt())
                .cpus(node.get("cpus").asDouble())
                .maxCodeBytes(node.get("maxCodeBytes").asInt())
                .maxOutputBytes(node.get("maxOutputBytes").asInt())
                .maxStdinBytes(node.get("maxStdinBytes").asInt())
                .workspaceBytes(node.get("workspaceBytes").asLong())
                .maxTestCases(node.get("maxTestCases").asInt())
                .build();
    }

    static ObjectNode language(LanguageInfo language) {
        ObjectNode node = object();
        node.put("id", language.id());
        node.put("displayName", language.displayName());
        node.put("version", language.version());
        ArrayNode aliases = node.putArray("aliases");
        language.aliases().forEach(aliases::add);
        node.put("fileExtension", language.fileExtension());
        node.put("compiled", language.compiled());
        node.put("image", language.image());
        node.put("available", language.available());
        return node;
    }

    static LanguageInfo language(JsonNode node) {
        return new LanguageInfo(text(node, "id"), text(node, "displayName"), text(node, "version"),
                list(node.get("aliases"), JsonNode::asText), text(node, "fileExtension"),
                node.get("compiled").asBoolean(), text(node, "image"), node.get("available").asBoolean());
    }

    // ---- helpers

    static <T> List<T> list(@Nullable JsonNode array, Function<JsonNode, T> element) {
        List<T> values = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> values.add(element.apply(item)));
        }
        return values;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("the broker's JSON lacks the text field '" + field + "'");
        }
        return value.asText();
    }

    static @Nullable String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static @Nullable Long nullableLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static @Nullable Integer nullableInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    private static @Nullable Duration duration(JsonNode node, String field) {
        String text = nullableText(node, field);
        return text == null ? null : Duration.parse(text);
    }

    private static @Nullable String string(@Nullable Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
