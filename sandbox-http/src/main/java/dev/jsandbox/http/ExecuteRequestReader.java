package dev.jsandbox.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.InvalidRequestException;
import dev.jsandbox.api.LimitOverrides;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the body of {@code POST /api/execute} into an {@link ExecutionRequest}. Accepts exactly the original
 * system's {@code {"code", "language", "input"}} plus the optional {@code args} and {@code limits}; anything else,
 * and every value of the wrong JSON type, is an {@link InvalidRequestException} whose message tells the client what
 * to send instead. Unknown fields are refused rather than ignored, so that a misspelt field (say {@code stdin} for
 * {@code input}) cannot silently change what runs.
 */
final class ExecuteRequestReader {

    private static final List<String> FIELDS = List.of("code", "language", "input", "args", "limits");
    private static final List<String> LIMIT_FIELDS =
            List.of("timeoutMs", "compileTimeoutMs", "memoryBytes", "maxProcesses", "maxOutputBytes");
    private static final Map<String, String> HINTS = Map.of("stdin", "input", "lang", "language",
            "source", "code", "arguments", "args");
    private static final String EXAMPLE = "{\"language\": \"python\", \"code\": \"print(1)\"}";

    private ExecuteRequestReader() {
    }

    static ExecutionRequest read(byte[] body) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new InvalidRequestException("the request body must be a JSON object like " + EXAMPLE
                    + ", was " + describe(root));
        }
        rejectUnknownFields(root, FIELDS, "");
        String code = requiredString(root, "code", "the source code to run");
        String language = requiredString(root, "language", "a language id such as python; GET /api/languages lists them");
        String input = optionalString(root, "input");
        return ExecutionRequest.builder(language, code)
                .stdin(input == null ? "" : input)
                .args(args(root.get("args")))
                .limits(limits(root.get("limits")))
                .build();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("the request body is empty; send a JSON object like " + EXAMPLE);
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new InvalidRequestException("the request body is empty; send a JSON object like " + EXAMPLE);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e));
        } catch (JacksonException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("the request body cannot be read as JSON");
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void rejectUnknownFields(JsonNode object, List<String> known, String prefix) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = HINTS.containsKey(name) && prefix.isEmpty() ? " (did you mean '" + HINTS.get(name) + "'?)" : "";
                throw new InvalidRequestException("unknown field '" + prefix + printable(name) + "'" + hint
                        + "; accepted fields are " + String.join(", ", known));
            }
        }
    }

    private static String requiredString(JsonNode root, String field, String meaning) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException("'" + field + "' is required: " + meaning);
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("'" + field + "' must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    private static @Nullable String optionalString(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("'" + field + "' must be a string or null, was " + describe(value));
        }
        return value.textValue();
    }

    private static List<String> args(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidRequestException("'args' must be an array of strings, was " + describe(value));
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode arg = value.get(i);
            if (!arg.isTextual()) {
                throw new InvalidRequestException("'args[" + i + "]' must be a string, was " + describe(arg));
            }
            args.add(arg.textValue());
        }
        return args;
    }

    private static LimitOverrides limits(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return LimitOverrides.none();
        }
        if (!value.isObject()) {
            throw new InvalidRequestException("'limits' must be an object such as {\"timeoutMs\": 2000}, was "
                    + describe(value));
        }
        rejectUnknownFields(value, LIMIT_FIELDS, "limits.");
        Long timeoutMs = positive(value, "timeoutMs");
        Long compileTimeoutMs = positive(value, "compileTimeoutMs");
        Long maxProcesses = positive(value, "maxProcesses");
        Long maxOutputBytes = positive(value, "maxOutputBytes");
        return new LimitOverrides(
                timeoutMs == null ? null : Duration.ofMillis(timeoutMs),
                compileTimeoutMs == null ? null : Duration.ofMillis(compileTimeoutMs),
                positive(value, "memoryBytes"),
                toInt("maxProcesses", maxProcesses),
                toInt("maxOutputBytes", maxOutputBytes));
    }

    private static @Nullable Long positive(JsonNode limits, String field) {
        JsonNode value = limits.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw new InvalidRequestException("'limits." + field + "' must be a positive whole number, was "
                    + describe(value));
        }
        return value.longValue();
    }

    private static @Nullable Integer toInt(String field, @Nullable Long value) {
        if (value != null && value > Integer.MAX_VALUE) {
            throw new InvalidRequestException("'limits." + field + "' is too large: " + value);
        }
        return value == null ? null : value.intValue();
    }

    /** The JSON type of a value, and the value itself when short, for error messages. */
    private static String describe(JsonNode value) {
        String type = switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "not a JSON value";
        };
        String text = value.isValueNode() ? value.toString() : "";
        return text.isEmpty() || text.length() > 40 ? type : type + " (" + text + ")";
    }

    /** Field names come from the client: keep control characters out of messages and logs. */
    private static String printable(String name) {
        String shortened = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
