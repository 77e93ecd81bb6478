package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.CancelOutcome;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.LocalSubmissionQueue;
import dev.jsandbox.api.Submission;
import dev.jsandbox.api.SubmissionQueue;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/submissions} over real HTTP against a fake sandbox: the adapter's own behaviour. */
class SubmissionsApiTest {

    private static final String BODY = "{\"code\":\"hello\",\"language\":\"fake\",\"input\":\"in\"}";
    private static final String KEY = "k3y-for-tests-0123456789";

    private final FakeSandbox sandbox = new FakeSandbox();
    private final CountDownLatch release = new CountDownLatch(1);
    private TestServer server;
    private ApiClient client;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private void start(SandboxApiOptions options) {
        server = TestServer.start(sandbox, options);
        client = new ApiClient(server);
    }

    private String submit(String body) {
        ApiClient.Reply accepted = client.post(SandboxApi.SUBMISSIONS_PATH, body);
        assertEquals(202, accepted.status(), accepted::body);
        String id = accepted.json().get("id").asText();
        assertEquals("/api/submissions/" + id, accepted.header("Location"));
        return id;
    }

    @Test
    void aSubmissionEndsWithExactlyTheResultOfExecute() {
        start(SandboxApiOptions.defaults());
        String id = submit(BODY);

        ApiClient.Reply done = client.get("/api/submissions/" + id + "?wait=30");

        assertEquals(200, done.status(), done::body);
        JsonNode submission = done.json();
        assertEquals(id, submission.get("id").asText());
        assertEquals("DONE", submission.get("state").asText());
        assertFalse(submission.has("failure"));
        assertEquals(client.execute(BODY).json(), submission.get("result"), "the same JSON as /api/execute");
        assertEquals(submission, client.get("/api/submissions/" + id).json(), "kept after it was read");
    }

    @Test
    void invalidRequestsAreRefusedWhenSubmitted() {
        start(SandboxApiOptions.defaults());
        ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH, "{\"code\":\"x\"}"), 400);
        JsonNode unknown = ErrorResponsesTest.assertProblem(
                client.post(SandboxApi.SUBMISSIONS_PATH, "{\"code\":\"x\",\"language\":\"cobol\"}"), 400);
        assertEquals("tag:jsandbox.dev,2025:unknown-language", unknown.get("type").asText());
        ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH, "{\"code\":\"x\",\"language\":"
                + "\"fake\",\"language\":\"fake\"}"), 400);
        ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH, "{\"code\":\"x\",\"language\":"
                + "\"fake\",\"limits\":{\"timeoutMs\":600000}}"), 400);
        assertEquals(0, sandbox.received.size(), "nothing was queued");
    }

    @Test
    void waitIsBoundedAndAnIdIsChecked() {
        start(SandboxApiOptions.defaults());
        String id = submit(BODY);
        for (String wait : new String[] {"31", "-1", "soon"}) {
            JsonNode problem = ErrorResponsesTest.assertProblem(client.get("/api/submissions/" + id + "?wait=" + wait), 400);
            assertTrue(problem.get("detail").asText().contains("wait"), problem::toString);
        }
        for (String bad : new String[] {"no-such-submission", "a%3Ab", "x".repeat(65), "%C3%A9"}) {
            JsonNode problem = ErrorResponsesTest.assertProblem(client.get("/api/submissions/" + bad), 404);
            assertEquals("tag:jsandbox.dev,2025:unknown-submission", problem.get("type").asText());
            ErrorResponsesTest.assertProblem(client.delete("/api/submissions/" + bad), 404);
        }
    }

    @Test
    void aWaitThatEndsFirstAnswersTheCurrentState() throws InterruptedException {
        sandbox.blockUntil(release);
        start(SandboxApiOptions.defaults());
        String id = submit(BODY);
        assertTrue(sandbox.started.await(30, TimeUnit.SECONDS));

        JsonNode running = client.get("/api/submissions/" + id + "?wait=1").json();

        assertEquals("RUNNING", running.get("state").asText());
        assertFalse(running.has("result"));
    }

    @Test
    void cancelRemovesAQueuedSubmissionButNotOneThatStarted() throws InterruptedException {
        sandbox.blockUntil(release);
        try (LocalSubmissionQueue queue = LocalSubmissionQueue.builder(sandbox).workers(1).build()) {
            start(SandboxApiOptions.builder().submissionQueue(queue).build());
            String running = submit(BODY);
            assertTrue(sandbox.started.await(30, TimeUnit.SECONDS));
            String queued = submit(BODY);
            assertEquals("QUEUED", client.get("/api/submissions/" + queued).json().get("state").asText());

            ApiClient.Reply cancelled = client.delete("/api/submissions/" + queued);
            assertEquals(204, cancelled.status(), cancelled::body);
            ErrorResponsesTest.assertProblem(client.get("/api/submissions/" + queued), 404);
            ErrorResponsesTest.assertProblem(client.delete("/api/submissions/" + queued), 404);

            JsonNode started = ErrorResponsesTest.assertProblem(client.delete("/api/submissions/" + running), 409);
            assertEquals("tag:jsandbox.dev,2025:submission-started", started.get("type").asText());
            release.countDown();
            assertEquals("DONE", client.get("/api/submissions/" + running + "?wait=30").json().get("state").asText());
            ErrorResponsesTest.assertProblem(client.delete("/api/submissions/" + running), 409);
            assertEquals(1, sandbox.received.size(), "the cancelled one never ran");
        }
    }

    @Test
    void aClientThatLeavesStopsItsWait() throws Exception {
        sandbox.blockUntil(release);
        RecordingQueue queue = new RecordingQueue(LocalSubmissionQueue.builder(sandbox).build());
        start(SandboxApiOptions.builder().submissionQueue(queue).build());
        String id = submit(BODY);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /api/submissions/" + id + "?wait=30 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertTrue(queue.waiting.await(30, TimeUnit.SECONDS));
        } // the client leaves

        assertTrue(queue.interrupted.await(30, TimeUnit.SECONDS), "the wait ended with the connection");
        server.close();
        server = null;
        assertFalse(queue.closed, "a queue given in the options stays the caller's");
        queue.close();
    }

    @Test
    void drainingAnswersLongPollsAtOnce() throws Exception {
        sandbox.blockUntil(release);
        RecordingQueue queue = new RecordingQueue(LocalSubmissionQueue.builder(sandbox).build());
        start(SandboxApiOptions.builder().submissionQueue(queue).build());
        String id = submit(BODY);
        CompletableFuture<ApiClient.Reply> poll = CompletableFuture.supplyAsync(
                () -> client.get("/api/submissions/" + id + "?wait=30"));
        assertTrue(queue.waiting.await(30, TimeUnit.SECONDS));

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return server.api().drain(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        ApiClient.Reply answered = poll.get(30, TimeUnit.SECONDS);
        assertEquals(200, answered.status(), answered::body);
        assertEquals("RUNNING", answered.json().get("state").asText(), "answered before the execution ended");
        assertTrue(drained.get(30, TimeUnit.SECONDS));
        ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH, BODY), 503);
        queue.close();
    }

    @Test
    void theQueueTheApiMadeIsClosedWithIt() throws InterruptedException {
        sandbox.blockUntil(release);
        start(SandboxApiOptions.defaults());
        submit(BODY);
        assertTrue(sandbox.started.await(30, TimeUnit.SECONDS));

        server.close();
        server = null;

        assertTrue(sandbox.interruption.await(30, TimeUnit.SECONDS),
                "closing the API closed its own queue, which stopped the running submission");
    }

    @Test
    void withAKeyEverySubmissionRouteNeedsIt() {
        start(SandboxApiOptions.builder().apiKey(KEY).build());
        ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH, BODY), 401);
        ErrorResponsesTest.assertProblem(client.get("/api/submissions/abc"), 401);
        ErrorResponsesTest.assertProblem(client.delete("/api/submissions/abc"), 401);
        ApiClient.Reply accepted = client.post(SandboxApi.SUBMISSIONS_PATH, BODY, "X-API-Key", KEY);
        assertEquals(202, accepted.status());
        String id = accepted.json().get("id").asText();
        assertEquals("DONE", client.get("/api/submissions/" + id + "?wait=30", "Authorization", "Bearer " + KEY)
                .json().get("state").asText());
    }

    @Test
    void wrongMethodsNameTheRightOnes() {
        start(SandboxApiOptions.defaults());
        ApiClient.Reply put = client.send(client.request("/api/submissions/abc")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        ErrorResponsesTest.assertProblem(put, 405);
        assertEquals("GET, DELETE", put.header("Allow"));
        ApiClient.Reply get = client.get(SandboxApi.SUBMISSIONS_PATH);
        ErrorResponsesTest.assertProblem(get, 405);
        assertEquals("POST", get.header("Allow"));
    }

    @Test
    void theAccessLogNeverHoldsASubmissionId() {
        assertEquals(SandboxApi.SUBMISSION_PATH, AccessLog.loggedPath("/api/submissions/0b7c6a3e-2f9d-4c1e"));
        assertEquals(SandboxApi.SUBMISSION_PATH, AccessLog.loggedPath("/api/submissions/a\nforged line"));
        assertEquals(SandboxApi.SUBMISSIONS_PATH, AccessLog.loggedPath(SandboxApi.SUBMISSIONS_PATH));
    }

    /** A queue given through the options that tells the test when a wait starts and ends by interrupt. */
    private static final class RecordingQueue implements SubmissionQueue {
        final SubmissionQueue delegate;
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        volatile boolean closed;

        RecordingQueue(SubmissionQueue delegate) {
            this.delegate = delegate;
        }

        @Override
        public String submit(ExecutionRequest request) {
            return delegate.submit(request);
        }

        @Override
        public Optional<Submission> find(String id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Submission> await(String id, Duration maxWait) {
            waiting.countDown();
            try {
                return delegate.await(id, maxWait);
            } catch (RuntimeException e) {
                interrupted.countDown();
                throw e;
            }
        }

        @Override
        public CancelOutcome cancel(String id) {
            return delegate.cancel(id);
        }

        @Override
        public void close() {
            closed = true;
            delegate.close();
        }
    }
}
