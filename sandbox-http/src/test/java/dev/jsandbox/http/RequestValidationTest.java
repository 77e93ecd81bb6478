package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.OutputComparison;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.api.TestCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests are validated against the served OpenAPI document: a violation is a 400 problem naming the field, and
 * never reaches the sandbox. Over real HTTP against a fake sandbox.
 */
class RequestValidationTest {

    private static final FakeSandbox sandbox = new FakeSandbox();
    private static TestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start(sandbox);
        client = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsTheOriginalSystemsRequestAndTheOptionalFields() {
        assertEquals(200, client.execute("{\"code\":\"print(input())\",\"language\":\"fake\",\"input\":\"hi\"}").status());
        assertEquals(200, client.execute("""
                {"code": "args", "language": "fake", "input": null, "args": ["a", "b c"],
                 "limits": {"timeoutMs": 1500, "compileTimeoutMs": 3000, "memoryBytes": 67108864,
                            "maxProcesses": 10, "maxOutputBytes": 1024}}""").status());
        List<ExecutionRequest> received = sandbox.received;
        assertTrue(received.contains(ExecutionRequest.of("fake", "print(input())", "hi")), received::toString);
        ExecutionRequest full = received.stream().filter(r -> r.code().equals("args")).findFirst().orElseThrow();
        assertEquals(List.of("a", "b c"), full.args());
        assertEquals("", full.stdin());
        assertEquals(new LimitOverrides(Duration.ofMillis(1500), Duration.ofSeconds(3), 67108864L, 10, 1024),
                full.limitOverrides());
    }

    @Test
    void readsFilesTestCasesAndTheComparison() {
        assertEquals(200, client.execute("""
                {"code": "judged", "language": "fake",
                 "files": [{"name": "lib/util.py", "content": "X = 1"}],
                 "testCases": [{"input": "1 2", "expectedOutput": "3"}, {"input": "4"}], "compare": "tokens"}""")
                .status());
        ExecutionRequest judged = sandbox.received.stream().filter(r -> r.code().equals("judged")).findFirst()
                .orElseThrow();
        assertEquals(List.of(SourceFile.of("lib/util.py", "X = 1")), judged.files());
        assertEquals(List.of(TestCase.of("1 2", "3"), TestCase.withInput("4")), judged.testCases());
        assertEquals(OutputComparison.TOKENS, judged.comparison());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1, 2]                                                                | the request body",
            "{\"language\":\"fake\"}                                               | \"code\"",
            "{\"code\":\"x\"}                                                      | \"language\"",
            "{\"code\":7,\"language\":\"fake\"}                                    | 'code'",
            "{\"code\":\"\",\"language\":\"fake\"}                                 | 'code'",
            "{\"code\":\"x\",\"language\":\"fake\",\"input\":[1]}                  | 'input'",
            "{\"code\":\"x\",\"language\":\"fake\",\"stdin\":\"a\"}                | 'stdin' (an unknown field)",
            "{\"code\":\"x\",\"language\":\"fake\",\"args\":\"a\"}                 | 'args'",
            "{\"code\":\"x\",\"language\":\"fake\",\"args\":[1]}                   | 'args.0'",
            "{\"code\":\"x\",\"language\":\"fake\",\"limits\":5}                   | 'limits'",
            "{\"code\":\"x\",\"language\":\"fake\",\"limits\":{\"timeout\":5}}     | 'limits.timeout' (an unknown field)",
            "{\"code\":\"x\",\"language\":\"fake\",\"limits\":{\"timeoutMs\":1.5}} | 'limits.timeoutMs'",
            "{\"code\":\"x\",\"language\":\"fake\",\"limits\":{\"timeoutMs\":\"9\"}} | 'limits.timeoutMs'",
            "{\"code\":\"x\",\"language\":\"fake\",\"limits\":{\"maxProcesses\":0}} | 'limits.maxProcesses'",
            "{\"code\":\"x\",\"language\":\"fake\",\"limits\":{\"maxProcesses\":3000000000}} | 'limits.maxProcesses'",
            "{\"code\": \"x\"                                                      | not valid JSON",
            "{\"code\":\"x\",\"code\":\"y\",\"language\":\"fake\"}                 | Duplicate field 'code'",
            "{\"code\":\"x\",\"language\":\"fake\"} {}                             | not valid JSON",
            "{\"code\":\"x\",\"language\":\"fake\",\"files\":[{\"name\":\"../etc/passwd\",\"content\":\"\"}]} | 'files.0.name'",
            "{\"code\":\"x\",\"language\":\"fake\",\"files\":[{\"name\":\"a.py\"}]} | 'files.0'",
            "{\"code\":\"x\",\"language\":\"fake\",\"testCases\":[{\"expectedOutput\":\"1\"}]} | 'testCases.0'",
            "{\"code\":\"x\",\"language\":\"fake\",\"compare\":\"fuzzy\"} | 'compare'",
            "{\"code\":\"x\",\"language\":\"fake\",\"files\":[{\"name\":\"a/./b\",\"content\":\"\"}]} | 'files.0.name'",
            "{\"code\":\"x\",\"language\":\"fake\",\"files\":[{\"name\":\"a\",\"content\":\"\"},{\"name\":\"a\",\"content\":\"\"}]} | file 'a' is given twice"})
    void aRequestViolatingTheDocumentIs400NamingTheField(String body, String named) {
        int before = sandbox.received.size();
        JsonNode problem = ErrorResponsesTest.assertProblem(client.execute(body), 400);
        assertEquals("tag:jsandbox.dev,2025:invalid-request", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains(named),
                () -> "'" + problem.get("detail").asText() + "' should name " + named);
        assertEquals(before, sandbox.received.size(), "the sandbox never saw it");
    }

    @Test
    void anEmptyBodyIs400() {
        JsonNode problem = ErrorResponsesTest.assertProblem(client.execute(""), 400);
        assertTrue(problem.get("detail").asText().contains("empty"), problem::toString);
    }
}
