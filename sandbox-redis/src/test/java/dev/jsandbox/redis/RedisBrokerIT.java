package dev.jsandbox.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.jsandbox.api.CancelOutcome;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.Submission;
import dev.jsandbox.api.SubmissionState;
import dev.jsandbox.testkit.Poll;
import dev.jsandbox.testkit.RequiresDocker;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One API (a {@link RedisSandbox} in this JVM) and three worker JVMs ({@link WorkerMain}: a {@link RedisWorker} over
 * a real DockerSandbox each) on a real redis-server with append-only persistence: cancelling before any worker runs,
 * long-polling, 200 submissions of five languages while a worker is killed with SIGKILL, a broker restart with jobs
 * queued, and a poison job that halts every worker that takes it. The workers' printed {@code executing <tag>}
 * lines and each submission's {@code attempts} and {@code results} counters in Redis show what ran how often.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisBrokerIT {

    private static final String PREFIX = "it";
    private static final int MAX_ATTEMPTS = 2;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static TestRedis redis;
    private static RedisSandbox api;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static final List<WorkerProcess> workers = new ArrayList<>();
    private static final Map<String, String> cancelledBeforeStart = new LinkedHashMap<>();
    private static int workerNumber;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.start();
        api = RedisSandbox.builder(redis.uri()).keyPrefix(PREFIX).build();
        client = RedisClient.create(redis.uri());
        connection = client.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        List<String> instances = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            worker.terminate();
            instances.add(worker.instanceId);
        }
        if (api != null) {
            api.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
        assertNoContainersLeft(instances);
    }

    @Test
    @Order(1)
    void aSubmissionCancelledBeforeAnyWorkerRunsNeverRuns() throws Exception {
        for (int i = 0; i < 4; i++) {
            String tag = "cancel-" + i;
            cancelledBeforeStart.put(tag, api.submit(python(tag, 1)));
        }
        String kept = api.submit(python("kept", 7));
        for (String id : cancelledBeforeStart.values()) {
            assertEquals(CancelOutcome.CANCELLED, api.cancel(id));
            assertTrue(api.find(id).isEmpty(), "a cancelled submission is unknown");
        }
        assertEquals(1, api.queueDepth());

        List<WorkerProcess> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(WorkerProcess.launch());
        }
        for (WorkerProcess worker : started) {
            worker.awaitReady();
        }
        Submission done = api.await(kept, WAIT).orElseThrow();
        assertEquals("50\n", done.result().stdout());
        for (String tag : cancelledBeforeStart.keySet()) {
            assertEquals(0, executions(tag), tag + " ran");
        }
        assertEquals(1, executions("kept"));
    }

    @Test
    @Order(2)
    void awaitLongPollsAndUnknownIdsAreUnknown() {
        String id = api.submit(ExecutionRequest.builder("python", "import time\ntime.sleep(3)\nprint('slept')")
                .args("long-poll").build());
        Submission early = api.await(id, Duration.ofMillis(500)).orElseThrow();
        assertFalse(early.finished(), "returned the unfinished state when maxWait passed: " + early.state());
        Submission done = api.await(id, WAIT).orElseThrow();
        assertEquals("slept\n", done.result().stdout());
        assertEquals(Optional.empty(), api.await("00000000000000000000000000000000", Duration.ofSeconds(1)));
        assertEquals(Optional.empty(), api.find("not-an-id"));
    }

    @Test
    @Order(3)
    void twoHundredSubmissionsCompleteExactlyOnceWhileAWorkerIsKilled() throws Exception {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int n = 0; n < 200; n++) {
            ids.put(api.submit(program(n)), n);
        }
        // Kill, with SIGKILL, a worker that is running jobs once some have finished: preferably one running a Java
        // or Go job (a second or so of compiling), so that the kill lands while that job still runs.
        Poll.until("20 submissions are done", WAIT, () -> ids.keySet().stream().filter(this::isDone).count() >= 20);
        WorkerProcess victim = null;
        List<String> runningOnVictim = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        long anyJobWillDo = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (victim == null && System.nanoTime() < deadline) {
            Map<String, List<String>> runningByWorker = runningByWorker(ids.keySet());
            for (WorkerProcess worker : workers) {
                List<String> running = runningByWorker.getOrDefault(worker.name, List.of());
                boolean slowJob = running.stream().map(ids::get).map(RedisBrokerIT::language)
                        .anyMatch(language -> language.equals("java") || language.equals("go"));
                if (worker.alive() && !running.isEmpty() && (slowJob || System.nanoTime() > anyJobWillDo)) {
                    victim = worker;
                    runningOnVictim = running;
                    break;
                }
            }
        }
        assertTrue(victim != null, "no worker was running a job");
        victim.kill();
        System.out.printf("broker: killed %s with %d job(s) running%n", victim.name, runningOnVictim.size());
        WorkerProcess replacement = WorkerProcess.launch();
        replacement.awaitReady();

        for (Map.Entry<String, Integer> entry : ids.entrySet()) {
            Submission done = api.await(entry.getKey(), WAIT).orElseThrow();
            assertEquals(SubmissionState.DONE, done.state(), "submission " + entry.getValue());
            assertEquals(expected(entry.getValue()), done.result().stdout(), "submission " + entry.getValue()
                    + " (" + language(entry.getValue()) + "): " + done.result());
            assertEquals("1", hash(entry.getKey(), "results"), "stored once: submission " + entry.getValue());
        }
        // Every job the victim took: those of the snapshot above and those its output, complete once it is dead,
        // says it started (the snapshot can miss one it took after a job finished and before the kill). Each either
        // finished there in the moment before the kill (taken once, by the victim) or was taken over by another
        // worker after the kill (taken twice).
        Map<String, String> idsByLine = new HashMap<>();
        ids.forEach((id, n) -> idsByLine.put("executing n" + n, id));
        Set<String> startedOnVictim = new LinkedHashSet<>(runningOnVictim);
        victim.lines.stream().map(idsByLine::get).filter(Objects::nonNull).forEach(startedOnVictim::add);
        int takenOver = 0;
        for (String id : startedOnVictim) {
            if (victim.name.equals(hash(id, "worker"))) {
                assertEquals("1", hash(id, "attempts"), "finished before the kill: " + id);
            } else {
                assertEquals("2", hash(id, "attempts"), "taken over after the kill: " + id);
                takenOver++;
            }
        }
        System.out.printf("broker: %d of the killed worker's job(s) taken over%n", takenOver);
        assertTrue(takenOver > 0, "the kill interrupted no job: " + startedOnVictim.size() + " finished first");
        // Every reader sees the same result.
        try (RedisSandbox other = RedisSandbox.builder(redis.uri()).keyPrefix(PREFIX).build()) {
            for (String id : ids.keySet()) {
                assertEquals(api.find(id), other.find(id));
            }
        }
        assertEquals(0, api.queueDepth());
        long reruns = ids.values().stream().filter(n -> executions("n" + n) > 1).count();
        System.out.printf("broker: 200 submissions done, each result stored once; %d ran twice (taken over)%n", reruns);
        assertTrue(reruns <= takenOver, "only the killed worker's jobs ran again");
    }

    @Test
    @Order(4)
    void restartingTheBrokerLosesNoQueuedJob() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int n = 1000; n < 1030; n++) {
            ids.add(api.submit(python("restart-" + n, n)));
        }
        redis.restart();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Submission done = Poll.until(WAIT, Duration.ofMillis(200), () -> awaitQuietly(id),
                    submission -> submission != null);
            assertEquals(SubmissionState.DONE, done.state());
            long n = 1000 + i;
            assertEquals((n * n + 1) + "\n", done.result().stdout());
            assertEquals("1", hash(id, "results"));
        }
    }

    @Test
    @Order(5)
    void aPoisonJobEndsInTheDeadLetterStreamAfterMaxAttempts() {
        String id = api.submit(ExecutionRequest.builder("python", "print('never')").args("poison", WorkerMain.HALT)
                .build());
        Submission failed = api.await(id, WAIT).orElseThrow();
        assertEquals(SubmissionState.FAILED, failed.state());
        assertEquals("the job ended " + MAX_ATTEMPTS + " workers before finishing; it was not run again",
                failed.failure());
        assertEquals(MAX_ATTEMPTS, workers.stream().filter(w -> w.lines.contains("halting on poison")).count());
        RedisCommands<String, String> commands = connection.sync();
        var dead = commands.xrange(PREFIX + ":dead", io.lettuce.core.Range.create("-", "+"));
        assertEquals(1, dead.size());
        assertEquals(id, dead.get(0).getBody().get("id"));
        assertEquals(String.valueOf(MAX_ATTEMPTS), dead.get(0).getBody().get("attempts"));
        assertTrue(dead.get(0).getBody().get("request").contains(WorkerMain.HALT));
    }

    // ---------------------------------------------------------------- helpers

    private static Submission awaitQuietly(String id) {
        try {
            Optional<Submission> submission = api.await(id, Duration.ofSeconds(5));
            return submission.filter(Submission::finished).orElse(null);
        } catch (dev.jsandbox.api.EngineUnavailableException restarting) {
            return null;
        }
    }

    private boolean isDone(String id) {
        return "DONE".equals(hash(id, "state"));
    }

    /** The unfinished submissions among {@code ids} that are running, by the name of the worker running them. */
    private static Map<String, List<String>> runningByWorker(Iterable<String> ids) {
        Map<String, List<String>> running = new LinkedHashMap<>();
        for (String id : ids) {
            List<KeyValue<String, String>> fields = connection.sync().hmget(PREFIX + ":submission:" + id, "state",
                    "worker");
            if ("RUNNING".equals(fields.get(0).getValueOrElse(null)) && fields.get(1).hasValue()) {
                running.computeIfAbsent(fields.get(1).getValue(), worker -> new ArrayList<>()).add(id);
            }
        }
        return running;
    }

    private static String hash(String id, String field) {
        return connection.sync().hget(PREFIX + ":submission:" + id, field);
    }

    /** How many times the workers started executing the job with this tag. */
    private static long executions(String tag) {
        return workers.stream().flatMap(w -> w.lines.stream()).filter(line -> line.equals("executing " + tag)).count();
    }

    private static ExecutionRequest python(String tag, long n) {
        return ExecutionRequest.builder("python", "n = int(input())\nprint(n * n + 1)").stdin(String.valueOf(n))
                .args(tag).build();
    }

    private static String language(int n) {
        int slot = n % 20;
        return slot < 10 ? "python" : slot < 14 ? "javascript" : slot < 17 ? "c" : slot < 19 ? "go" : "java";
    }

    /** Program n computes n * n + 1 from its stdin, in the language {@link #language(int)} gives. */
    private static ExecutionRequest program(int n) {
        String code = switch (language(n)) {
            case "python" -> "n = int(input())\nprint(n * n + 1)";
            case "javascript" -> "const n = parseInt(require('fs').readFileSync(0, 'utf8'));\nconsole.log(n * n + 1);";
            case "c" -> "#include <stdio.h>\nint main(void) { long n; scanf(\"%ld\", &n); printf(\"%ld\\n\", n * n + 1);"
                    + " return 0; }";
            case "go" -> "package main\nimport \"fmt\"\nfunc main() { var n int64; fmt.Scan(&n); fmt.Println(n*n + 1) }";
            default -> "public class Main { public static void main(String[] a) { long n = new java.util.Scanner("
                    + "System.in).nextLong(); System.out.println(n * n + 1); } }";
        };
        return ExecutionRequest.builder(language(n), code).stdin(String.valueOf(n)).args("n" + n).build();
    }

    private static String expected(int n) {
        return ((long) n * n + 1) + "\n";
    }

    /**
     * The workers' containers: a gracefully stopped worker removed all of its own; a killed one's containers stop
     * by themselves (the runner's deadline and idle expiry, see KilledJvmIT) and are removed here, as the next
     * sandbox on that engine would once their deadline label passed.
     */
    private static void assertNoContainersLeft(List<String> instances) throws InterruptedException {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        DockerClient docker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(5)).build());
        for (WorkerProcess worker : workers) {
            List<Container> left = Poll.until(Duration.ofSeconds(90), Duration.ofMillis(500),
                    () -> docker.listContainersCmd().withShowAll(true)
                            .withLabelFilter(List.of("dev.jsandbox.instance=" + worker.instanceId)).exec(),
                    containers -> containers.stream().noneMatch(c -> "running".equals(c.getState()))
                            && (worker.killed || containers.isEmpty()));
            assertTrue(left.stream().noneMatch(c -> "running".equals(c.getState())),
                    worker.name + " left running containers: " + left.size());
            if (!worker.killed) {
                assertEquals(List.of(), left, worker.name + " stopped gracefully but left containers");
            }
            for (Container container : left) {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            }
        }
        assertEquals(instances.size(), workers.size());
    }

    /** One worker JVM and the lines it printed. */
    private static final class WorkerProcess {
        final String name;
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile String instanceId = "";
        boolean killed;

        private WorkerProcess(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("ready ")) {
                            instanceId = line.split(" ")[2];
                        }
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            }, "read-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static WorkerProcess launch() throws IOException {
            String name = "worker-" + (++workerNumber);
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    WorkerMain.class.getName(), redis.uri(), PREFIX, name, String.valueOf(MAX_ATTEMPTS))
                    .redirectError(new File("target/" + name + ".log"))
                    .start();
            WorkerProcess worker = new WorkerProcess(name, process);
            workers.add(worker);
            return worker;
        }

        void awaitReady() throws InterruptedException {
            Poll.until(name + " is ready (see target/" + name + ".log)", Duration.ofMinutes(2),
                    () -> !instanceId.isEmpty() || !process.isAlive());
            assertTrue(process.isAlive(), name + " died at start; see target/" + name + ".log");
        }

        boolean alive() {
            return process.isAlive();
        }

        void kill() throws InterruptedException {
            killed = true;
            process.destroyForcibly();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }

        void terminate() throws InterruptedException {
            if (!process.isAlive()) {
                killed = true; // halted by the poison job: nothing of it was closed
                return;
            }
            process.destroy();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                killed = true;
            }
        }
    }
}
