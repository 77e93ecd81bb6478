package dev.jsandbox.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.OutputComparison;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.api.TestCase;
import dev.jsandbox.api.TestCaseResult;
import dev.jsandbox.api.Verdict;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field survives the trip through the broker's JSON, and the JSON has exactly as many fields as the type: a
 * field added to an API type and forgotten here fails the count.
 */
class BrokerJsonTest {

    static ExecutionRequest fullRequest() {
        return ExecutionRequest.builder("python", "print(input())\n# ünïcode ✓")
                .file("lib/util.py", "X = 1\n")
                .args("a", "b c", "")
                .testCase(TestCase.of("1 2\n", "3"))
                .testCase(TestCase.withInput("no expectation"))
                .comparison(OutputComparison.TOKENS)
                .limitOverrides(LimitOverrides.builder().timeout(Duration.ofMillis(1500))
                        .compileTimeout(Duration.ofSeconds(3)).memoryBytes(64L << 20).maxProcesses(20)
                        .maxOutputBytes(4096).build())
                .build();
    }

    static ExecutionResult fullResult() {
        ExecutionResult caseResult = ExecutionResult.builder(ExecutionStatus.RUNTIME_ERROR).stdout("out").stderr("err")
                .exitCode(139).signal(11).wallTime(Duration.ofNanos(123_456_789)).cpuTime(Duration.ofMillis(7))
                .peakMemoryBytes(1234L).stdoutTruncated(true).stderrTruncated(true).oomKilled(true).build();
        return ExecutionResult.builder(ExecutionStatus.RUNTIME_ERROR)
                .stdout("hello\n\u0000\u2603").stderr("boom").exitCode(139).signal(11)
                .wallTime(Duration.ofMillis(42)).cpuTime(Duration.ofMillis(40)).peakMemoryBytes(5_000_000L)
                .stdoutTruncated(true).stderrTruncated(true).oomKilled(true)
                .compileOutput("warning: x").compileTime(Duration.ofMillis(900)).compileOutputTruncated(true)
                .compilePeakMemoryBytes(9_000_000L)
                .testCases(List.of(new TestCaseResult(0, caseResult, false), new TestCaseResult(1, caseResult, null)))
                .totalTestCases(3).verdict(Verdict.RUNTIME_ERROR).queueWait(Duration.ofMillis(3))
                .build();
    }

    @Test
    void aFullyPopulatedRequestRoundTrips() {
        ExecutionRequest request = fullRequest();
        String json = BrokerJson.request(request);
        assertEquals(request, BrokerJson.request(json));
        JsonNode node = BrokerJson.read(json);
        assertEquals(instanceFields(ExecutionRequest.class), node.size(), "fields of ExecutionRequest vs JSON: " + json);
        assertEquals(LimitOverrides.class.getRecordComponents().length, node.get("limitOverrides").size());
        assertEquals(TestCase.class.getRecordComponents().length, node.get("testCases").get(0).size());
        assertEquals(2, node.get("files").get(0).size());
    }

    @Test
    void aMinimalRequestRoundTrips() {
        ExecutionRequest request = ExecutionRequest.of("c", "int main(){}");
        assertEquals(request, BrokerJson.request(BrokerJson.request(request)));
    }

    @Test
    void aFullyPopulatedResultRoundTrips() {
        ExecutionResult result = fullResult();
        String json = BrokerJson.result(result);
        ExecutionResult back = BrokerJson.result(json);
        assertEquals(result, back);
        assertEquals(result.toString(), back.toString());
        JsonNode node = BrokerJson.read(json);
        assertEquals(instanceFields(ExecutionResult.class), node.size(), "fields of ExecutionResult vs JSON: " + json);
        assertEquals(TestCaseResult.class.getRecordComponents().length, node.get("testCases").get(0).size());
    }

    @Test
    void aMinimalResultRoundTrips() {
        ExecutionResult result = ExecutionResult.builder(ExecutionStatus.SUCCESS).build();
        assertEquals(result, BrokerJson.result(BrokerJson.result(result)));
    }

    @Test
    void limitsAndLanguagesRoundTrip() {
        Limits limits = Limits.builder().timeout(Duration.ofMillis(2500)).cpus(0.5).maxTestCases(3).build();
        JsonNode node = BrokerJson.limits(limits);
        assertEquals(limits, BrokerJson.limits(node));
        assertEquals(instanceFields(Limits.class), node.size());
        LanguageInfo language = new LanguageInfo("python", "Python", "3.11.2", List.of("py", "python3"), "py", false,
                "jsandbox/python:2", true);
        assertEquals(language, BrokerJson.language(BrokerJson.language(language)));
        assertEquals(LanguageInfo.class.getRecordComponents().length, BrokerJson.language(language).size());
    }

    @Test
    void aHeartbeatRoundTrips() {
        WorkerHeartbeat beat = new WorkerHeartbeat("host-1", List.of(new LanguageInfo("c", "C", "12", List.of(), "c",
                true, "jsandbox/gcc:2", false)), Limits.defaults(), SandboxHealth.Status.DEGRADED, "Docker 26",
                Map.of("jsandbox/gcc:2", false), 2, 4, List.of("image jsandbox/gcc:2 is missing"));
        assertEquals(beat, WorkerHeartbeat.fromJson(beat.toJson()));
        assertEquals(WorkerHeartbeat.class.getRecordComponents().length, BrokerJson.read(beat.toJson()).size());
    }

    private static long instanceFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).map(Field::getModifiers).filter(m -> !Modifier.isStatic(m))
                .count();
    }
}
