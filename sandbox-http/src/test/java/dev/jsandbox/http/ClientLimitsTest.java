package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Named clients' keys and their limits (rate, executions at once, daily quota), over real HTTP against a fake. */
class ClientLimitsTest {

    private static final String ALICE_KEY = "alice-key-0123456789abcdef";
    private static final String BOB_KEY = "bob-key-0123456789abcdef";
    private static final String RUN = "{\"code\":\"x\",\"language\":\"fake\"}";
    private final FakeSandbox sandbox = new FakeSandbox();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachKeyHasItsOwnRateWithHeaders() {
        ApiClient client = start(SandboxApiOptions.builder().clientKeys(() -> ClientKeys.of(List.of(
                ClientKey.of("alice", ALICE_KEY, new ClientLimits(2, 0, 0)),
                ClientKey.of("bob", BOB_KEY, ClientLimits.NONE)))));
        ApiClient.Reply first = client.execute(RUN, "X-API-Key", ALICE_KEY);
        assertEquals(200, first.status(), first::body);
        assertEquals("2", first.header("RateLimit-Limit"));
        assertEquals("1", first.header("RateLimit-Remaining"));
        assertTrue(Long.parseLong(first.header("RateLimit-Reset")) > 0);
        ApiClient.Reply second = client.get(SandboxApi.LANGUAGES_PATH, "X-API-Key", ALICE_KEY);
        assertEquals(200, second.status());
        assertEquals("0", second.header("RateLimit-Remaining"));

        ApiClient.Reply refused = client.execute(RUN, "X-API-Key", ALICE_KEY);
        ErrorResponsesTest.assertProblem(refused, 429);
        assertEquals("tag:jsandbox.dev,2025:rate-limited", refused.json().get("type").asText());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "a token comes back every 30 s: " + retryAfter);
        assertEquals("2", refused.header("RateLimit-Limit"));
        assertEquals("0", refused.header("RateLimit-Remaining"));
        assertEquals(1, sandbox.received.size(), "the refused request never reached the sandbox");

        // Bob has no rate of his own and the server no default: unlimited, and no RateLimit headers.
        for (int i = 0; i < 5; i++) {
            ApiClient.Reply bob = client.execute(RUN, "Authorization", "Bearer " + BOB_KEY);
            assertEquals(200, bob.status(), bob::body);
            assertEquals(null, bob.header("RateLimit-Limit"));
        }
        // Health probes are never limited.
        assertEquals(200, client.get(SandboxApi.LIVE_PATH, "X-API-Key", ALICE_KEY).status());
    }

    @Test
    void withoutKeysTheDefaultRateAppliesPerRemoteAddress() {
        ApiClient client = start(SandboxApiOptions.builder().defaultRequestsPerMinute(1));
        ApiClient.Reply first = client.execute(RUN);
        assertEquals(200, first.status(), first::body);
        assertEquals("1", first.header("RateLimit-Limit"));
        assertEquals("0", first.header("RateLimit-Remaining"));
        ApiClient.Reply refused = client.get(SandboxApi.LANGUAGES_PATH);
        ErrorResponsesTest.assertProblem(refused, 429);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "one token a minute: " + retryAfter);
        assertEquals(200, client.get(SandboxApi.READY_PATH).status(), "readiness is never limited");
    }

    @Test
    void aDailyQuotaRefusesUntilUtcMidnight() {
        ApiClient client = start(SandboxApiOptions.builder().clientKeys(() -> ClientKeys.of(List.of(
                ClientKey.of("alice", ALICE_KEY, new ClientLimits(0, 0, 2))))));
        assertEquals(200, client.execute(RUN, "X-API-Key", ALICE_KEY).status());
        assertEquals(200, client.execute(RUN, "X-API-Key", ALICE_KEY).status());
        ApiClient.Reply refused = client.execute(RUN, "X-API-Key", ALICE_KEY);
        ErrorResponsesTest.assertProblem(refused, 429);
        assertEquals("tag:jsandbox.dev,2025:daily-quota-exhausted", refused.json().get("type").asText());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        long untilMidnight = 86_400 - java.time.LocalTime.now(java.time.ZoneOffset.UTC).toSecondOfDay();
        assertTrue(Math.abs(retryAfter - untilMidnight) <= 5, retryAfter + " s, midnight UTC in " + untilMidnight);
        assertEquals(2, sandbox.received.size());
        // Other requests than executions do not count.
        assertEquals(200, client.get(SandboxApi.LANGUAGES_PATH, "X-API-Key", ALICE_KEY).status());
    }

    @Test
    void aKeyAtItsConcurrencyCapLeavesOtherKeysServed() throws Exception {
        ApiClient client = start(SandboxApiOptions.builder().clientKeys(() -> ClientKeys.of(List.of(
                ClientKey.of("alice", ALICE_KEY, new ClientLimits(0, 1, 0)),
                ClientKey.of("bob", BOB_KEY, new ClientLimits(0, 1, 0))))));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aliceRunning = new CountDownLatch(1);
        sandbox.behaviour = request -> {
            if (request.code().equals("wait")) {
                aliceRunning.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return FakeSandbox.echo(request);
        };
        CompletableFuture<ApiClient.Reply> slow = CompletableFuture.supplyAsync(() ->
                client.execute("{\"code\":\"wait\",\"language\":\"fake\"}", "X-API-Key", ALICE_KEY));
        assertTrue(aliceRunning.await(30, TimeUnit.SECONDS), "alice's first execution started");

        ApiClient.Reply second = client.execute(RUN, "X-API-Key", ALICE_KEY);
        ErrorResponsesTest.assertProblem(second, 429);
        assertEquals("tag:jsandbox.dev,2025:client-concurrency-limit", second.json().get("type").asText());
        assertTrue(second.header("Retry-After") != null);
        ApiClient.Reply bob = client.execute(RUN, "X-API-Key", BOB_KEY);
        assertEquals(200, bob.status(), "bob is served while alice is at her cap");

        release.countDown();
        assertEquals(200, slow.get(30, TimeUnit.SECONDS).status());
        assertEquals(200, client.execute(RUN, "X-API-Key", ALICE_KEY).status(), "her slot is free again");
    }

    @Test
    void swappedKeysTakeEffectAtOnceAndTheSingleKeyIsTheDefaultClient() {
        String single = "single-key-0123456789abcd";
        AtomicReference<ClientKeys> keys = new AtomicReference<>(ClientKeys.of(List.of(
                ClientKey.of("alice", ALICE_KEY, ClientLimits.NONE))));
        ApiClient client = start(SandboxApiOptions.builder().apiKey(single).clientKeys(keys::get));
        assertEquals(200, client.execute(RUN, "X-API-Key", ALICE_KEY).status());
        assertEquals(200, client.execute(RUN, "X-API-Key", single).status());
        ErrorResponsesTest.assertProblem(client.execute(RUN, "X-API-Key", BOB_KEY), 401);

        keys.set(ClientKeys.of(List.of(ClientKey.of("bob", "sha256:" + java.util.HexFormat.of()
                .formatHex(ClientKey.sha256(BOB_KEY)), ClientLimits.NONE))));
        assertEquals(200, client.execute(RUN, "X-API-Key", BOB_KEY).status(), "a hashed key works");
        ErrorResponsesTest.assertProblem(client.execute(RUN, "X-API-Key", ALICE_KEY), 401);
        assertEquals(200, client.execute(RUN, "X-API-Key", single).status());
    }

    @Test
    void everyAnswerCarriesARequestId() {
        ApiClient client = start(SandboxApiOptions.builder());
        assertEquals("proxy-id.42", client.get(SandboxApi.LIVE_PATH, "X-Request-Id", "proxy-id.42")
                .header("X-Request-Id"));
        String replaced = client.get(SandboxApi.LIVE_PATH, "X-Request-Id", "has spaces and ; semicolons")
                .header("X-Request-Id");
        assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
        String generated = client.execute(RUN).header("X-Request-Id");
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
        assertNotEquals(generated, client.execute(RUN).header("X-Request-Id"));
    }

    private ApiClient start(SandboxApiOptions.Builder options) {
        server = TestServer.start(sandbox, options.build());
        return new ApiClient(server);
    }
}
