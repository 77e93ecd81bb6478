package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jsandbox.api.LocalSubmissionQueue;
import dev.jsandbox.testkit.DockerSandboxExtension;
import dev.jsandbox.testkit.RequiresDocker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/submissions} over real HTTP against a real Docker sandbox, through a queue with one worker so that a
 * submission can be made to wait behind another.
 */
@RequiresDocker
class SubmissionsApiIT {

    private static final String HELLO = "{\"code\":\"print(\\\"Hello World!\\\")\",\"language\":\"python\"}";
    /** Long enough for the test to act while it runs, short enough to keep the suite quick. */
    private static final String SLEEPER = "{\"code\":\"import time\\ntime.sleep(3)\\nprint('woke')\",\"language\":\"python\"}";
    private static final String KEY = "k3y-for-submissions-0123456789";

    private static LocalSubmissionQueue queue;
    private static TestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        queue = LocalSubmissionQueue.builder(DockerSandboxExtension.sharedSandbox()).workers(1).build();
        server = TestServer.start(DockerSandboxExtension.sharedSandbox(),
                SandboxApiOptions.builder().submissionQueue(queue).build());
        client = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (queue != null) {
            queue.close();
        }
    }

    private static String submit(ApiClient client, String body, String... headers) {
        ApiClient.Reply accepted = client.post(SandboxApi.SUBMISSIONS_PATH, body, headers);
        assertEquals(202, accepted.status(), accepted::body);
        String id = accepted.json().get("id").asText();
        assertEquals(SandboxApi.SUBMISSIONS_PATH + "/" + id, accepted.header("Location"));
        return id;
    }

    private static JsonNode awaitDone(String id) {
        ApiClient.Reply done = client.get(SandboxApi.SUBMISSIONS_PATH + "/" + id + "?wait=30");
        assertEquals(200, done.status(), done::body);
        assertEquals("DONE", done.json().get("state").asText(), done::body);
        return done.json();
    }

    @Test
    void aPythonProgramEndsDoneWithTheResultOfExecute() {
        String id = submit(client, HELLO);

        JsonNode submission = awaitDone(id);

        assertEquals(id, submission.get("id").asText());
        JsonNode result = submission.get("result");
        JsonNode executed = client.execute(HELLO).json();
        assertEquals(names(executed), names(result), "the same fields as /api/execute");
        for (String field : List.of("stdout", "stderr", "exitCode", "status", "signal", "stdoutTruncated", "oomKilled")) {
            assertEquals(executed.get(field), result.get(field), field);
        }
        assertEquals("Hello World!\n", result.get("stdout").asText());
    }

    @Test
    void aWaitThatEndsFirstAnswersQueuedOrRunning() {
        String id = submit(client, SLEEPER);

        JsonNode early = client.get(SandboxApi.SUBMISSIONS_PATH + "/" + id + "?wait=1").json();

        assertTrue(Set.of("QUEUED", "RUNNING").contains(early.get("state").asText()), early::toString);
        assertEquals("woke\n", awaitDone(id).get("result").get("stdout").asText());
    }

    @Test
    void aSubmissionWaitingBehindAnotherCanBeCancelledOneThatRanCannot() {
        String ahead = submit(client, SLEEPER);
        String behind = submit(client, HELLO); // the only worker is busy with the sleeper

        ApiClient.Reply cancelled = client.delete(SandboxApi.SUBMISSIONS_PATH + "/" + behind);

        assertEquals(204, cancelled.status(), cancelled::body);
        ErrorResponsesTest.assertProblem(client.get(SandboxApi.SUBMISSIONS_PATH + "/" + behind), 404);
        ErrorResponsesTest.assertProblem(client.delete(SandboxApi.SUBMISSIONS_PATH + "/" + behind), 404);
        awaitDone(ahead);
        JsonNode started = ErrorResponsesTest.assertProblem(client.delete(SandboxApi.SUBMISSIONS_PATH + "/" + ahead), 409);
        assertEquals("tag:jsandbox.dev,2025:submission-started", started.get("type").asText());
        assertEquals("DONE", client.get(SandboxApi.SUBMISSIONS_PATH + "/" + ahead).json().get("state").asText(),
                "a refused cancel leaves the result");
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        ErrorResponsesTest.assertProblem(client.get(SandboxApi.SUBMISSIONS_PATH + "/0b7c6a3e-2f9d-4c1e-8d1a-6f0e9b1c2d3e"), 404);
        ErrorResponsesTest.assertProblem(client.get(SandboxApi.SUBMISSIONS_PATH + "/..%2F..%2Fetc"), 404);
        ErrorResponsesTest.assertProblem(client.delete(SandboxApi.SUBMISSIONS_PATH + "/" + "x".repeat(200)), 404);
    }

    @Test
    void anInvalidBodyIsAProblemAtOnce() {
        JsonNode problem = ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH,
                "{\"language\":\"python\",\"code\":\"print(1)\",\"limits\":{\"timeoutMs\":\"soon\"}}"), 400);
        assertTrue(problem.get("detail").asText().contains("limits.timeoutMs"), problem::toString);
        ErrorResponsesTest.assertProblem(client.post(SandboxApi.SUBMISSIONS_PATH,
                "{\"language\":\"brainfuck\",\"code\":\"+\"}"), 400);
    }

    @Test
    void withAKeyOnlyItsHoldersMaySubmitAndRead() {
        try (TestServer keyed = TestServer.start(DockerSandboxExtension.sharedSandbox(),
                SandboxApiOptions.builder().apiKey(KEY).build())) {
            ApiClient keyedClient = new ApiClient(keyed);
            ErrorResponsesTest.assertProblem(keyedClient.post(SandboxApi.SUBMISSIONS_PATH, HELLO), 401);
            String id = submit(keyedClient, HELLO, "Authorization", "Bearer " + KEY);
            ErrorResponsesTest.assertProblem(keyedClient.get(SandboxApi.SUBMISSIONS_PATH + "/" + id), 401);
            ErrorResponsesTest.assertProblem(keyedClient.delete(SandboxApi.SUBMISSIONS_PATH + "/" + id), 401);
            ApiClient.Reply done = keyedClient.get(SandboxApi.SUBMISSIONS_PATH + "/" + id + "?wait=30", "X-API-Key", KEY);
            assertEquals("Hello World!\n", done.json().get("result").get("stdout").asText(), done::body);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
