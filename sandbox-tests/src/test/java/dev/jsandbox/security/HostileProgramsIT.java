package dev.jsandbox.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.model.Event;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.testkit.DockerSandboxExtension;
import dev.jsandbox.testkit.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every hostile program of {@code src/test/resources/hostile} against a real engine, in every language the
 * class path has a runtime for, and checks each against its expectations ({@code hostile/README.md}). Beyond its own
 * expectations, every case must:
 * <ul>
 *   <li>leave no container behind (the engine is asked after every case);</li>
 *   <li>have used exactly one container per run, and none at all when the request must be rejected (counted from
 *       the engine's own event stream: a job attached to a container);</li>
 *   <li>cause no engine event on the sandbox's containers other than the library's own create, start, attach,
 *       kill, die and destroy (Podman names the same work a little differently:
 *       {@link EngineWitness#PODMAN_LIBRARY_EVENTS}): the host never copies from, execs into or exports a sandbox's
 *       file system, so nothing a program plants in its workspace (symlinks to /etc/shadow, FIFOs...) is ever
 *       followed by the host.</li>
 * </ul>
 */
@RequiresDocker
class HostileProgramsIT {

    private static final HostileCatalogue CATALOGUE = HostileCatalogue.load();
    private static final List<String> REPORT = Collections.synchronizedList(new ArrayList<>());
    private static EngineWitness witness;
    private static CaseRunner runner;
    private static long suiteStarted;

    @BeforeAll
    static void prepare() {
        suiteStarted = System.nanoTime();
        witness = EngineWitness.connect();
        DockerSandbox sandbox = DockerSandboxExtension.sharedSandbox();
        runner = new CaseRunner(sandbox, sandbox.limits());
    }

    @AfterAll
    static void report() {
        if (witness != null) {
            witness.close();
        }
        if (runner != null) {
            runner.close();
        }
        System.out.printf("%n%-58s %-11s %-22s %8s %8s%n", "hostile case", "language", "status", "wall ms", "call ms");
        synchronized (REPORT) {
            REPORT.forEach(System.out::println);
        }
        System.out.printf("%d hostile runs in %d s%n%n", REPORT.size(),
                Duration.ofNanos(System.nanoTime() - suiteStarted).toSeconds());
    }

    @TestFactory
    Stream<DynamicNode> catalogue(DockerSandbox sandbox) {
        // -Dhostile=REGEX runs only the cases whose id (category/name.ext) matches somewhere, e.g. -Dhostile='\.c$'
        Pattern only = Pattern.compile(System.getProperty("hostile", ""));
        Map<String, List<HostileCase>> byCategory = CATALOGUE.cases().stream()
                .filter(hostile -> only.matcher(hostile.id()).find())
                .collect(Collectors.groupingBy(HostileCase::category, LinkedHashMap::new, Collectors.toList()));
        return byCategory.entrySet().stream().map(category -> DynamicContainer.dynamicContainer(category.getKey(),
                category.getValue().stream().map(hostile -> DynamicTest.dynamicTest(
                        hostile.name() + " [" + hostile.extension() + "]", hostile.program().toUri(),
                        () -> run(sandbox, hostile)))));
    }

    private void run(DockerSandbox sandbox, HostileCase hostile) throws Exception {
        LanguageInfo language = runner.language(hostile).orElse(null);
        if (language == null) {
            String message = hostile.id() + " waits for a runtime of ." + hostile.extension()
                    + " files: add its language module to sandbox-tests/pom.xml";
            if (DockerSandboxExtension.isCi()) {
                fail("CI=true, so hostile cases never skip: " + message);
            }
            Assumptions.abort(message);
        }
        Expectations expect = hostile.expectations();
        // The engine keeps only its latest events (256), and other work on a shared engine adds to them: the events
        // are read after every run, each time for the window since the previous read, so that a case of many runs
        // loses none.
        EventLog events = new EventLog(sandbox.instanceId());
        int containers = 0;
        ExecutorService neighbours = Executors.newSingleThreadExecutor();
        try {
            Future<Runnable> alongside = null;
            if (expect.get("alongside").isPresent()) {
                alongside = startAlongside(sandbox, expect.get("alongside").get(), neighbours);
                containers++;
                events.read();
            }
            for (int run = 1; run <= expect.runs(); run++) {
                containers += runOnce(language, hostile, expect.runs() > 1 ? " run " + run : "");
                events.read();
            }
            if (expect.get("then").isPresent()) {
                String then = expect.get("then").get() + "." + hostile.extension();
                HostileCase next = CATALOGUE.find(then)
                        .orElseThrow(() -> new IllegalStateException(hostile.id() + ": then = " + then + " is no case"));
                containers += runOnce(language, next, " after " + hostile.id());
                events.read();
            }
            if (alongside != null) {
                alongside.get(60, TimeUnit.SECONDS).run();
            }
        } finally {
            neighbours.shutdownNow();
        }
        DockerSandboxExtension.assertNoContainersLeft(sandbox);
        events.read();
        assertEngineSawOnlyTheLibrary(hostile, events.all(), containers, witness.libraryEvents());
    }

    /** The engine's events for one instance, read window by window; an event on a window's edge counts once. */
    private static final class EventLog {
        private final String instanceId;
        private final Map<String, Event> events = new LinkedHashMap<>();
        private Instant since = Instant.now();

        EventLog(String instanceId) {
            this.instanceId = instanceId;
        }

        void read() {
            Instant until = Instant.now();
            for (Event event : witness.events(instanceId, since, until)) {
                events.putIfAbsent(event.getId() + " " + EngineWitness.action(event) + " " + event.getTimeNano(), event);
            }
            since = until;
        }

        List<Event> all() {
            return List.copyOf(events.values());
        }
    }

    /** Runs the case once; returns the number of containers it should have used (0 or 1). */
    private int runOnce(LanguageInfo language, HostileCase hostile, String label) {
        CaseRunner.Prepared prepared = runner.prepare(hostile, language.id());
        Expectations expect = hostile.expectations();
        Duration bound = expect.elapsedBound(prepared.effective().timeout(), prepared.effective().compileTimeout())
                .plusSeconds(60);
        CaseRunner.Outcome outcome = Assertions.assertTimeoutPreemptively(bound, () -> runner.run(prepared),
                () -> hostile.id() + ": the sandbox did not answer within " + bound);
        String status = outcome.result() != null ? outcome.result().status().toString()
                : "rejected: " + outcome.rejection().getClass().getSimpleName();
        REPORT.add(String.format("%-58s %-11s %-22s %8s %8d", hostile.id() + label, language.id(), status,
                outcome.result() != null ? Long.toString(outcome.result().wallTime().toMillis()) : "-",
                outcome.elapsed().toMillis()));
        List<String> failures = CaseRunner.check(prepared, outcome, true);
        if (!failures.isEmpty()) {
            fail(hostile.id() + label + " (" + expect.description() + "):\n- " + String.join("\n- ", failures)
                    + "\n" + CaseRunner.describe(outcome.result(), outcome.elapsed()));
        }
        return expect.rejected().isPresent() ? 0 : 1;
    }

    /**
     * Starts a neighbour execution (another case, in its own container) and waits until its program runs, so that
     * the attack happens while it does. Returns the check to run once the attack is over.
     */
    private Future<Runnable> startAlongside(DockerSandbox sandbox, String id, ExecutorService executor)
            throws InterruptedException {
        HostileCase neighbour = CATALOGUE.find(id)
                .orElseThrow(() -> new IllegalStateException("alongside = " + id + " is no case"));
        CaseRunner.Prepared prepared = runner.prepare(neighbour, runner.language(neighbour).orElseThrow().id());
        Instant since = Instant.now();
        Future<Runnable> check = executor.submit(() -> {
            CaseRunner.Outcome outcome = runner.run(prepared);
            return () -> {
                List<String> failures = CaseRunner.check(prepared, outcome, true);
                if (!failures.isEmpty()) {
                    fail("the neighbour " + id + " was affected:\n- " + String.join("\n- ", failures) + "\n"
                            + CaseRunner.describe(outcome.result(), outcome.elapsed()));
                }
            };
        });
        witness.awaitAttach(sandbox.instanceId(), since, Duration.ofSeconds(20));
        // A pause for the interpreter's start-up, not a poll: the one outside view of a container's processes,
        // docker top, records a "top" event, and this test asserts that the host did nothing to any sandbox
        // container but create, start, attach, kill and remove it. The neighbour runs for 3 s, so 0.5 s is ample.
        Thread.sleep(500);
        return check;
    }

    private static void assertEngineSawOnlyTheLibrary(HostileCase hostile, List<Event> events, int expectedContainers,
            java.util.Set<String> libraryEvents) {
        // Pre-started containers are created ahead of demand, so a container counts when a job is attached to it.
        List<String> used = EngineWitness.withAction(events, "attach");
        assertEquals(expectedContainers, used.size(), () -> hostile.id() + ": jobs went to " + used.size()
                + " containers, expected " + expectedContainers + " (one fresh container per run, none for a rejected "
                + "request): " + events.stream().map(e -> EngineWitness.action(e) + " " + e.getId()).toList());
        List<String> foreign = events.stream().map(EngineWitness::action)
                .filter(action -> !libraryEvents.contains(action)).distinct().toList();
        assertEquals(List.of(), foreign, () -> hostile.id() + ": the host did more to the sandbox containers than "
                + "create, start, attach, kill and remove them");
    }
}
