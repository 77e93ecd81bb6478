package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Swagger UI is served from the webjar on the class path (no CDN) and shows the server's own document. */
class SwaggerUiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeSandbox());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void docsRedirectsToTheUiPage() throws Exception {
        HttpResponse<String> redirect = get(SandboxApi.DOCS_PATH);
        assertEquals(302, redirect.statusCode());
        assertEquals("docs/", redirect.headers().firstValue("Location").orElse(""));
    }

    @Test
    void servesTheHtmlAndItsScripts() throws Exception {
        HttpResponse<String> page = get(SandboxApi.DOCS_PATH + "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page::toString);
        assertTrue(page.body().contains("swagger-ui-bundle.js") && page.body().contains("swagger-initializer.js"),
                page::body);

        HttpResponse<String> bundle = get(SandboxApi.DOCS_PATH + "/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.headers().firstValue("Content-Type").orElse("").contains("javascript"), bundle::toString);
        assertTrue(bundle.body().length() > 100_000, "the whole bundle");

        HttpResponse<String> initializer = get(SandboxApi.DOCS_PATH + "/swagger-initializer.js");
        assertEquals(200, initializer.statusCode());
        assertTrue(initializer.body().contains("\"../openapi.json\""), initializer::body);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
