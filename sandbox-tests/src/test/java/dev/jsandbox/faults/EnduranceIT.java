package dev.jsandbox.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.security.CaseRunner;
import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.security.HostileCase;
import dev.jsandbox.security.HostileCatalogue;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * 1,000 small executions in a row through one sandbox: every one correct, and afterwards no container left, and the
 * JVM's heap (after GC), open file descriptors and threads where they were after warming up. Mostly Python (the
 * fastest), with the hello world of every other language on the class path mixed in.
 */
@RequiresDocker
class EnduranceIT {

    private static final int RUNS = 1000;
    private static final int WARM_UP = 30;
    /** Generous bounds: a leak of one object graph or one descriptor per execution would pass them 1,000-fold. */
    private static final long MAX_HEAP_GROWTH = 32L << 20;
    private static final long MAX_FD_GROWTH = 16;
    private static final int MAX_THREAD_GROWTH = 16;
    private static final String REVERSE = "import sys\nline = sys.stdin.readline().strip()\nprint(line[::-1], *sys.argv[1:])\n";

    @Test
    void aThousandExecutionsInARowLeaveNoContainerAndFlatHeapAndDescriptors() throws Exception {
        List<Runnable> others = new ArrayList<>();
        Map<String, Integer> perLanguage = new TreeMap<>();
        long started = System.nanoTime();
        String instanceId;
        Snapshot before;
        Snapshot after;
        try (EngineWitness witness = EngineWitness.connect()) {
            try (DockerSandbox sandbox = DockerSandbox.builder().build();
                    CaseRunner runner = new CaseRunner(sandbox, sandbox.limits())) {
                instanceId = sandbox.instanceId();
                // The hello world of every other language on the class path, checked against the catalogue.
                for (HostileCase hello : HostileCatalogue.load().cases()) {
                    LanguageInfo language = runner.language(hello).orElse(null);
                    if (hello.attack().equals("baseline/hello") && language != null && language.available()
                            && !language.id().equals("python")) {
                        CaseRunner.Prepared prepared = runner.prepare(hello, language.id());
                        others.add(() -> {
                            CaseRunner.Outcome outcome = runner.run(prepared);
                            assertEquals(List.of(), CaseRunner.check(prepared, outcome, false),
                                    () -> CaseRunner.describe(outcome.result(), outcome.elapsed()));
                            perLanguage.merge(language.id(), 1, Integer::sum);
                        });
                    }
                }
                for (int i = 0; i < WARM_UP; i++) {
                    execute(sandbox, i, others, perLanguage);
                }
                before = Snapshot.take();
                long measured = System.nanoTime();
                for (int i = WARM_UP; i < WARM_UP + RUNS; i++) {
                    execute(sandbox, i, others, perLanguage);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - measured);
                after = Snapshot.take();
                System.out.printf("endurance: %d executions in %d s (%d ms each), per language %s%n", RUNS,
                        took.toSeconds(), took.toMillis() / RUNS, perLanguage);
            }
            int left = witness.containers(EngineWitness.INSTANCE + "=" + instanceId).size();
            System.out.printf("endurance: containers left after close: %d; heap after GC %d -> %d KiB; open fds %d -> %d;"
                    + " threads %d -> %d; whole test %d s%n", left, before.heap >> 10, after.heap >> 10, before.fds,
                    after.fds, before.threads, after.threads, Duration.ofNanos(System.nanoTime() - started).toSeconds());
            assertEquals(0, left, "containers left on the engine after 1,000 executions and close()");
        }
        assertTrue(after.heap - before.heap < MAX_HEAP_GROWTH, "heap grew by " + ((after.heap - before.heap) >> 10) + " KiB");
        assertTrue(after.fds - before.fds < MAX_FD_GROWTH, "open file descriptors grew by " + (after.fds - before.fds));
        assertTrue(after.threads - before.threads < MAX_THREAD_GROWTH, "threads grew by " + (after.threads - before.threads));
    }

    /** Mostly Python with stdin and args; every tenth execution is another language's hello world, when there is one. */
    private static void execute(DockerSandbox sandbox, int i, List<Runnable> others, Map<String, Integer> perLanguage) {
        if (i % 10 == 9 && !others.isEmpty()) {
            others.get((i / 10) % others.size()).run();
            return;
        }
        String line = "run " + i + " of " + RUNS;
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", REVERSE)
                .stdin(line + "\n").args("arg" + i).build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
        assertEquals(new StringBuilder(line).reverse() + " arg" + i + "\n", result.stdout());
        perLanguage.merge("python", 1, Integer::sum);
    }

    /** Heap after full GC, open file descriptors and live threads of this JVM. */
    private record Snapshot(long heap, long fds, int threads) {
        static Snapshot take() throws IOException, InterruptedException {
            long heap = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                System.gc();
                // Not a wait for an event: a measurement of what is left after collection, taken several times.
                Thread.sleep(200);
                heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            }
            return new Snapshot(heap, fds, ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }
}
