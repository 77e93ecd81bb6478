package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionInterruptedException;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.OutputListener;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/execute} with {@code Accept: text/event-stream}, read from a real socket as it arrives. */
class EventStreamTest {

    private static final String BODY = "{\"language\": \"fake\", \"code\": \"print(1)\"}";

    /** Streams "first" to stdout, then waits for the test before the rest: proves events are not held back. */
    private static final class StreamingFake implements CodeSandbox {
        private final FakeSandbox fake = new FakeSandbox();
        final CountDownLatch firstRead = new CountDownLatch(1);
        final CountDownLatch interruptedWhileStreaming = new CountDownLatch(1);

        @Override
        public ExecutionResult execute(ExecutionRequest request, OutputListener listener) {
            ExecutionResult result = execute(request); // validates the language like a sandbox would
            listener.onCompileOutput("note: compiled\n");
            listener.onStdout("first\n");
            try {
                if (!firstRead.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never read the first event");
                }
            } catch (InterruptedException e) {
                interruptedWhileStreaming.countDown();
                Thread.currentThread().interrupt();
                throw new ExecutionInterruptedException("interrupted", e);
            }
            listener.onStderr("line one\nline \"two\"\n");
            return result;
        }

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            return fake.execute(request);
        }

        @Override
        public Limits limits() {
            return fake.limits();
        }

        @Override
        public List<LanguageInfo> languages() {
            return fake.languages();
        }

        @Override
        public SandboxHealth health() {
            return fake.health();
        }

        @Override
        public void close() {
        }
    }

    private final StreamingFake sandbox = new StreamingFake();
    private final TestServer server = TestServer.start(sandbox);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest.Builder execute(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/execute"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void eventsArriveWhileTheProgramRunsAndTheResultComesLast() throws Exception {
        HttpResponse<Stream<String>> response = client.send(execute(BODY).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        Iterator<String> lines = response.body().iterator();

        assertEquals("event: compile", lines.next());
        assertEquals("note: compiled\n", data(lines.next()).getString("text"));
        assertEquals("", lines.next());
        assertEquals("event: stdout", lines.next());
        assertEquals("first\n", data(lines.next()).getString("text"));
        assertEquals("", lines.next());
        // Only now may the program go on: the first event came while it was still running.
        sandbox.firstRead.countDown();

        assertEquals("event: stderr", lines.next());
        assertEquals("line one\nline \"two\"\n", data(lines.next()).getString("text"), "line breaks stay in the JSON");
        assertEquals("", lines.next());
        assertEquals("event: result", lines.next());
        JsonObject result = data(lines.next());
        assertEquals("SUCCESS", result.getString("status"));
        assertEquals("print(1)", result.getString("stdout"));
        assertEquals("", lines.next());
        assertTrue(!lines.hasNext(), "the stream ends after the result");
    }

    @Test
    void aRefusalBeforeTheProgramStartsIsAnOrdinaryProblem() throws Exception {
        HttpResponse<String> response = client.send(execute("{\"language\": \"cobol\", \"code\": \"x\"}")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("tag:jsandbox.dev,2025:unknown-language", new JsonObject(response.body()).getString("type"));
    }

    @Test
    void invalidBodiesAreRefusedAsUsual() throws Exception {
        HttpResponse<String> response = client.send(execute("{\"language\": 5}")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void withoutTheAcceptHeaderTheAnswerIsOneJsonDocument() throws Exception {
        sandbox.firstRead.countDown();
        HttpResponse<String> response = client.send(execute(BODY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("print(1)", new JsonObject(response.body()).getString("stdout"));
    }

    @Test
    void aClientThatGoesAwayCancelsTheExecution() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("event: stdout")) {
                // the status line, headers and the compile event
            }
            assertEquals("event: stdout", line);
        }
        assertTrue(sandbox.interruptedWhileStreaming.await(10, TimeUnit.SECONDS),
                "closing the connection interrupts the execution");
    }

    private static JsonObject data(String line) {
        assertTrue(line.startsWith("data: "), line);
        return new JsonObject(line.substring("data: ".length()));
    }
}
