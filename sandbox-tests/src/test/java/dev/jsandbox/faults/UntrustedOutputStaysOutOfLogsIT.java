package dev.jsandbox.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a program prints is the caller's data and never reaches the library's logs, not even when the execution
 * fails: a program prints a unique marker on stdout and stderr and sleeps; the test kills its container from outside,
 * so the library sees the stream end without the runner's report and goes down its runner-failure path. The
 * execution runs in a child JVM ({@link UntrustedOutputMain}) whose logging (slf4j-simple, every logger at trace
 * level but the HTTP client's wire log, see {@link #WIRE_LOGGER}; on its stderr) and output the test reads in full:
 * the marker must be in none of its lines, and not in the exception's message. A control run (the same program, to
 * its timeout) shows that the marker does reach the result.
 */
@RequiresDocker
class UntrustedOutputStaysOutOfLogsIT {

    /**
     * docker-java's HTTP client logs every byte it exchanges with the engine at DEBUG on this logger - the job (code,
     * stdin) and the program's output included. That is a transport debugging aid that must never be enabled in
     * production (SECURITY.md says so); it is the one logger this test leaves at INFO.
     */
    static final String WIRE_LOGGER = "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.wire";

    @Test
    void programOutputIsInNoLogLineAndNoExceptionWhenTheContainerIsKilledMidRun() throws Exception {
        String marker = "MARKER-" + UUID.randomUUID();
        Path log = Path.of("target", "untrusted-output-child.log");
        List<String> stdout = new ArrayList<>();
        try (EngineWitness witness = EngineWitness.connect()) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                    "-Dorg.slf4j.simpleLogger.log." + WIRE_LOGGER + "=info",
                    UntrustedOutputMain.class.getName(), marker)
                    .redirectError(log.toFile())
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String control = out.readLine();
                stdout.add(String.valueOf(control));
                assertEquals("control TIMEOUT stdout-marker=true stderr-marker=true", control,
                        "the control run shows the marker reaches the result (child log: " + log + ")");
                Instant since = Instant.now();
                String instance = out.readLine();
                stdout.add(String.valueOf(instance));
                assertTrue(instance != null && instance.startsWith("instance "), "the child said: " + instance);
                String containerId = witness.awaitAttach(instance.substring("instance ".length()), since,
                        Duration.ofSeconds(60));
                awaitProgram(witness, containerId);
                Thread.sleep(1000); // the program prints the marker at once, then sleeps
                Instant killed = Instant.now();
                witness.client().killContainerCmd(containerId).exec();

                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    stdout.add(line);
                }
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
                System.out.printf("container killed from outside: the child reported %s %d ms later%n",
                        stdout.subList(2, stdout.size()), Duration.between(killed, Instant.now()).toMillis());
                assertEquals(0, child.exitValue(), "the child JVM failed: " + stdout + " (log: " + log + ")");
            } finally {
                child.destroyForcibly();
            }
        }
        // The runner-failure path was taken (a result would be fine too, but then it must not be SUCCESS).
        assertTrue(stdout.contains("done"), "the child did not finish: " + stdout);
        assertTrue(stdout.stream().anyMatch(line -> line.startsWith("exception ") || line.startsWith("result ")),
                String.valueOf(stdout));
        assertTrue(stdout.stream().noneMatch(line -> line.equals("result SUCCESS")), String.valueOf(stdout));
        assertTrue(stdout.stream().noneMatch(line -> line.endsWith("-has-marker true")),
                "an exception's message holds the program's output: " + stdout);

        List<String> logLines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(logLines.stream().anyMatch(line -> line.contains(" dev.jsandbox.")),
                "the child logged nothing of the library at trace level; the check would prove nothing: " + log);
        List<String> leaked = new ArrayList<>();
        for (List<String> lines : List.of(logLines, stdout)) {
            lines.stream().filter(line -> line.contains(marker)).forEach(leaked::add);
        }
        assertEquals(List.of(), leaked, "the program's output reached the JVM's log (" + log + ")");
        System.out.printf("untrusted output: %d log lines of the child JVM checked, the marker is in none%n",
                logLines.size());
    }

    /** Waits until the program (python3 main.py) runs in the container, asking the engine (docker top). */
    private static void awaitProgram(EngineWitness witness, String containerId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String[][] processes = witness.client().topContainerCmd(containerId).exec().getProcesses();
            if (processes != null && Arrays.stream(processes).flatMap(Arrays::stream).anyMatch(c -> c.contains("main.py"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the program did not start in container " + containerId + " within 30 s");
    }
}
