package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document the server serves, used as a contract: every real response a test receives must have a
 * documented status and media type, and its body must validate against the documented schema. OpenAPI 3.1 schemas
 * are JSON Schema 2020-12, so a standard validator checks them.
 */
public final class OpenApiContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "https://jsandbox.test/openapi.json";
    private static final OpenApiContract INSTANCE = new OpenApiContract(readDocument());

    private final String text;
    private final JsonNode document;
    private final SchemaRegistry schemas;

    private OpenApiContract(String text) {
        this.text = text;
        try {
            this.document = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE, text)));
    }

    public static OpenApiContract instance() {
        return INSTANCE;
    }

    /** The document as shipped in the jar. */
    String text() {
        return text;
    }

    JsonNode document() {
        return document;
    }

    /**
     * Asserts that a response is what the document promises for {@code method} on {@code path}. Paths the document
     * does not list (404s) must be problem documents.
     */
    public void assertConforms(String method, String path, int status, String contentType, String body) {
        String where = method + " " + path + " -> " + status;
        if (body.isEmpty()) {
            assertTrue(status == 204 || status == 413 && contentType.isEmpty(), where + " has an empty body");
            return;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        path = template(path);
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        String schemaPointer;
        if (operation.isMissingNode()) {
            assertEquals("application/problem+json", mediaType, where + ": undocumented operations answer problems");
            schemaPointer = "/components/schemas/Problem";
        } else {
            String responsePointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
            JsonNode response = document.at(responsePointer);
            assertFalse(response.isMissingNode(), where + ": status " + status + " is not documented");
            if (response.has("$ref")) {
                responsePointer = response.get("$ref").asText().substring(1);
                response = document.at(responsePointer);
            }
            assertFalse(response.path("content").path(mediaType).isMissingNode(),
                    where + ": media type " + mediaType + " is not documented");
            schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        }
        Schema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + schemaPointer));
        List<Error> errors;
        try {
            errors = schema.validate(MAPPER.readTree(body));
        } catch (IOException e) {
            throw new AssertionError(where + ": body is not JSON: " + body, e);
        }
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(),
                where + ": body does not match " + schemaPointer + ": " + body);
    }

    /** The document's path that {@code path} is an instance of, e.g. {@code /api/submissions/{id}}; else itself. */
    private String template(String path) {
        if (document.path("paths").has(path)) {
            return path;
        }
        for (java.util.Iterator<String> names = document.path("paths").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.contains("{") && path.matches(name.replaceAll("\\{[^}]+}", "[^/]+"))) {
                return name;
            }
        }
        return path;
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static String readDocument() {
        try (InputStream in = SandboxApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
