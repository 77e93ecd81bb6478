package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LimitOverrides;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExecuteRequestReaderTest {

    @Test
    void readsTheOriginalSystemsRequest() {
        ExecutionRequest request = read("{\"code\":\"print(input())\",\"language\":\"python\",\"input\":\"hi\"}");
        assertEquals(ExecutionRequest.of("python", "print(input())", "hi"), request);
    }

    @Test
    void inputMayBeAbsentOrNull() {
        assertEquals("", read("{\"code\":\"x\",\"language\":\"py\"}").stdin());
        assertEquals("", read("{\"code\":\"x\",\"language\":\"py\",\"input\":null}").stdin());
    }

    @Test
    void readsArgsAndLimits() {
        ExecutionRequest request = read("""
                {"code": "x", "language": "python", "args": ["a", "b c"],
                 "limits": {"timeoutMs": 1500, "compileTimeoutMs": 3000, "memoryBytes": 67108864,
                            "maxProcesses": 10, "maxOutputBytes": 1024}}""");
        assertEquals(List.of("a", "b c"), request.args());
        assertEquals(new LimitOverrides(Duration.ofMillis(1500), Duration.ofSeconds(3), 67108864L, 10, 1024),
                request.limits());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                    | the request body is empty",
            "{\"code\": \"x\"                                      | not valid JSON",
            "[1, 2]                                                | must be a JSON object",
            "{\"code\":\"x\",\"language\":\"py\"} {}               | not valid JSON",
            "{\"code\":\"x\",\"code\":\"y\",\"language\":\"py\"}   | Duplicate field 'code'",
            "{\"language\":\"py\"}                                 | 'code' is required",
            "{\"code\":\"x\"}                                      | 'language' is required",
            "{\"code\":7,\"language\":\"py\"}                      | 'code' must be a string, was a number (7)",
            "{\"code\":\"x\",\"language\":\"py\",\"input\":[1]}    | 'input' must be a string or null, was an array",
            "{\"code\":\"x\",\"language\":\"py\",\"stdin\":\"a\"}  | unknown field 'stdin' (did you mean 'input'?)",
            "{\"code\":\"x\",\"language\":\"py\",\"args\":\"a\"}   | 'args' must be an array of strings",
            "{\"code\":\"x\",\"language\":\"py\",\"args\":[1]}     | 'args[0]' must be a string",
            "{\"code\":\"x\",\"language\":\"py\",\"limits\":5}     | 'limits' must be an object",
            "{\"code\":\"x\",\"language\":\"py\",\"limits\":{\"timeout\":5}}       | unknown field 'limits.timeout'",
            "{\"code\":\"x\",\"language\":\"py\",\"limits\":{\"timeoutMs\":1.5}}   | 'limits.timeoutMs' must be a positive whole number",
            "{\"code\":\"x\",\"language\":\"py\",\"limits\":{\"timeoutMs\":\"9\"}} | 'limits.timeoutMs' must be a positive whole number",
            "{\"code\":\"x\",\"language\":\"py\",\"limits\":{\"maxProcesses\":0}}  | 'limits.maxProcesses' must be a positive whole number",
            "{\"code\":\"   \",\"language\":\"py\"}                | code must not be empty",
            "{\"code\":\"x\",\"language\":\"p y\"}                 | language must be"})
    void refusesWithAMessageThatSaysWhatToSend(String body, String message) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(body));
        assertTrue(e.getMessage().contains(message), () -> "'" + e.getMessage() + "' should contain '" + message + "'");
    }

    private static ExecutionRequest read(String body) {
        return ExecuteRequestReader.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
