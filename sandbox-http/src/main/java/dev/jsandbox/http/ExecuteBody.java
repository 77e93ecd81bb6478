package dev.jsandbox.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.OutputComparison;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.api.TestCase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/execute}, read after the OpenAPI validation has checked its shape (fields, types,
 * ranges): this only turns it into an {@link ExecutionRequest}. Read with the strict mapper, so a duplicated key or
 * trailing data, which JSON Schema cannot see, is refused rather than guessed at.
 */
record ExecuteBody(String code, String language, @Nullable String input, @Nullable List<String> args,
        @Nullable Limits limits, @Nullable List<SourceFile> files, @Nullable List<TestCase> testCases,
        @Nullable String compare) {

    /** Strict: a duplicated key or anything after the document is an error, not a guess at what was meant. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** {@code limits} of the request body; every field optional. */
    record Limits(@Nullable Long timeoutMs, @Nullable Long compileTimeoutMs, @Nullable Long memoryBytes,
            @Nullable Integer maxProcesses, @Nullable Integer maxOutputBytes) {

        LimitOverrides toOverrides() {
            return new LimitOverrides(timeoutMs == null ? null : Duration.ofMillis(timeoutMs),
                    compileTimeoutMs == null ? null : Duration.ofMillis(compileTimeoutMs), memoryBytes, maxProcesses,
                    maxOutputBytes);
        }
    }

    /** @throws InvalidRequestException when the bytes are not one JSON document without duplicate keys */
    static ExecutionRequest read(byte[] body) {
        ExecuteBody parsed;
        try {
            parsed = STRICT.readValue(body, ExecuteBody.class);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof InvalidRequestException invalid) {
                throw invalid; // a value the API refused (a file name, say): its message names it
            }
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("the request body cannot be read as JSON");
        }
        return ExecutionRequest.builder(parsed.language(), parsed.code())
                .stdin(parsed.input() == null ? "" : parsed.input())
                .args(parsed.args() == null ? List.of() : parsed.args())
                .files(parsed.files() == null ? List.of() : parsed.files())
                .testCases(parsed.testCases() == null ? List.of() : parsed.testCases())
                .comparison(parsed.compare() == null ? OutputComparison.LINES
                        : OutputComparison.valueOf(parsed.compare().toUpperCase(Locale.ROOT)))
                .limitOverrides(parsed.limits() == null ? LimitOverrides.none() : parsed.limits().toOverrides())
                .build();
    }
}
