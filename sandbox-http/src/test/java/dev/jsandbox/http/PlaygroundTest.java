package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The playground page and its assets: served from the jar, with strict security headers, without inline script. */
class PlaygroundTest {

    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeSandbox());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/playground/playground.js", "/playground/starters.js", "/playground/playground.css",
            "/playground/codemirror/lib/codemirror.js", "/playground/codemirror/mode/clike/clike.js",
            "/playground/codemirror/lib/codemirror.css"})
    void everyFileComesFromTheJarWithStrictHeaders(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path);
        assertFalse(response.body().isEmpty());
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'self'"), csp);
        assertTrue(csp.contains("script-src 'self';"), "no 'unsafe-inline' nor 'unsafe-eval': " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElseThrow());
    }

    @Test
    void thePageHasNoInlineScriptStyleOrForeignOrigin() throws Exception {
        String page = get("/").body();
        assertTrue(page.contains("<select id=\"language\""));
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page).find(), "an inline script");
        assertFalse(page.contains("<style"), "an inline style element");
        assertFalse(Pattern.compile("\\sstyle=|\\son[a-z]+=").matcher(page).find(), "an inline style or handler");
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("//cdn"), "a foreign URL");
    }

    @Test
    void withAnApiKeyThePageIsPublicAndTheApiIsNot() throws Exception {
        try (TestServer keyed = TestServer.start(new FakeSandbox(),
                SandboxApiOptions.builder().apiKey("playground-test-key-0123456789").build())) {
            for (String path : List.of("/", "/playground/playground.js", "/playground/codemirror/lib/codemirror.js")) {
                assertEquals(200, CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyed.port()
                        + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode(), path);
            }
            assertEquals(401, CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyed.port()
                    + "/api/languages")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(401, CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyed.port()
                    + "/api/execute")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"language\":\"fake\",\"code\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void noDirectoryIsListed() throws Exception {
        assertEquals(404, get("/playground/").statusCode());
        assertEquals(404, get("/playground/codemirror/").statusCode());
    }
}
