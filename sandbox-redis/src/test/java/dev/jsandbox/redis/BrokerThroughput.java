package dev.jsandbox.redis;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.docker.DockerSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures, by hand (not a test): the broker's own round trip (a worker whose sandbox answers at once), Python hello world executions per second directly on a DockerSandbox and through
 * the broker with 1, 2 and 3 workers (each a RedisWorker over a DockerSandbox of its own, in this JVM, all on this
 * machine's engine), and the p50 latency of one execution at a time directly and through the broker with one
 * worker. Starts its own redis-server. Arguments: seconds per throughput phase (default 20).
 *
 * <pre>
 * ./mvnw -pl sandbox-redis exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.jsandbox.redis.BrokerThroughput
 * </pre>
 */
public final class BrokerThroughput {

    private static final ExecutionRequest HELLO = ExecutionRequest.of("python", "print('Hello World!')");
    private static final int LATENCY_SAMPLES = 60;

    private BrokerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        try (TestRedis redis = TestRedis.start()) {
            brokerOnly(redis);
            List<DockerSandbox> locals = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                locals.add(DockerSandbox.builder().build());
            }
            try {
                DockerSandbox direct = locals.get(0);
                warmUp(direct);
                int slots = direct.health().maxConcurrentExecutions();
                System.out.printf("slots per sandbox: %d%n", slots);
                long directP50 = p50(direct);
                System.out.printf("direct: p50 %.1f ms; %.1f executions/s%n", directP50 / 1e6,
                        throughput(direct, slots * 2, phase));
                for (int workers = 1; workers <= 3; workers++) {
                    String prefix = "bench" + workers;
                    List<RedisWorker> started = new ArrayList<>();
                    try (RedisSandbox api = RedisSandbox.builder(redis.uri()).keyPrefix(prefix).build()) {
                        for (int i = 0; i < workers; i++) {
                            started.add(RedisWorker.builder(redis.uri(), locals.get(i)).keyPrefix(prefix)
                                    .workerName("bench-" + i).start());
                        }
                        warmUp(api);
                        if (workers == 1) {
                            long brokerP50 = p50(api);
                            System.out.printf("broker, 1 worker: p50 %.1f ms, %.1f ms more than direct%n",
                                    brokerP50 / 1e6, (brokerP50 - directP50) / 1e6);
                        }
                        System.out.printf("broker, %d worker(s): %.1f executions/s%n", workers,
                                throughput(api, slots * workers * 2, phase));
                    } finally {
                        started.forEach(RedisWorker::close);
                    }
                }
            } finally {
                locals.forEach(DockerSandbox::close);
            }
        }
    }

    /** The broker's own cost: p50 of a round trip through Redis to a worker whose sandbox answers at once. */
    private static void brokerOnly(TestRedis redis) {
        ExecutionRequest echo = ExecutionRequest.of("echo", "x", "hi");
        try (RedisSandbox api = RedisSandbox.builder(redis.uri()).keyPrefix("bench-echo").build();
                RedisWorker worker = RedisWorker.builder(redis.uri(), new ScriptedSandbox()).keyPrefix("bench-echo")
                        .start()) {
            long[] samples = new long[200];
            for (int i = -50; i < samples.length; i++) {
                long start = System.nanoTime();
                if (!api.execute(echo).stdout().equals("hi")) {
                    throw new IllegalStateException("the echo came back wrong");
                }
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
            java.util.Arrays.sort(samples);
            System.out.printf("broker only (a sandbox that answers at once): p50 %.2f ms, p90 %.2f ms%n",
                    samples[100] / 1e6, samples[180] / 1e6);
        }
    }

    private static void warmUp(CodeSandbox sandbox) {
        for (int i = 0; i < 10; i++) {
            check(sandbox);
        }
    }

    private static long p50(CodeSandbox sandbox) {
        long[] samples = new long[LATENCY_SAMPLES];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            check(sandbox);
            samples[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /** Executions per second with {@code callers} threads each executing one at a time, for {@code phase}. */
    private static double throughput(CodeSandbox sandbox, int callers, Duration phase) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + phase.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            running.add(threads.submit(() -> {
                while (System.nanoTime() < end) {
                    check(sandbox);
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        return done.get() / seconds;
    }

    private static void check(CodeSandbox sandbox) {
        var result = sandbox.execute(HELLO);
        if (result.status() != ExecutionStatus.SUCCESS || !result.stdout().equals("Hello World!\n")) {
            throw new IllegalStateException("unexpected result " + result);
        }
    }
}
