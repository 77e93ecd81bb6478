package dev.jsandbox.faults;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.Limits;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import java.time.Duration;

/**
 * The JVM whose every log line {@link UntrustedOutputStaysOutOfLogsIT} reads (slf4j-simple at trace level, on this
 * JVM's stderr). Runs a program that prints a marker on stdout and stderr twice: once to its timeout (the control:
 * the marker must arrive in the result), once while the test kills the container from outside (the runner-failure
 * path). It never prints a result's output itself, only what the test needs: statuses, whether the marker arrived,
 * and the class and message of the exception.
 */
public final class UntrustedOutputMain {

    /** The run timeout: long enough for the test to kill the container mid-run. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private UntrustedOutputMain() {
    }

    /**
     * The program: builds the marker at run time from its reversed text, so that only the program's output (not its
     * code) holds the marker; prints it on stdout and stderr, then sleeps.
     */
    static String program(String marker) {
        String reversed = new StringBuilder(marker).reverse().toString();
        return "import sys, time\n"
                + "m = '" + reversed + "'[::-1]\n"
                + "print(m, flush=True)\n"
                + "print(m, file=sys.stderr, flush=True)\n"
                + "print('stdout ' + m + ' ' + m, flush=True)\n"
                + "time.sleep(600)\n";
    }

    public static void main(String[] args) throws Exception {
        String marker = args[0];
        try (DockerSandbox sandbox = DockerSandbox.builder()
                .limits(Limits.builder().timeout(TIMEOUT).build())
                .pool(PoolSettings.disabled())
                .build()) {
            ExecutionResult control = sandbox.execute(ExecutionRequest.builder("python", program(marker))
                    .limitOverrides(LimitOverrides.timeout(Duration.ofSeconds(2))).build());
            System.out.println("control " + control.status() + " stdout-marker=" + control.stdout().contains(marker)
                    + " stderr-marker=" + control.stderr().contains(marker));
            System.out.println("instance " + sandbox.instanceId());
            System.out.flush();
            try {
                ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", program(marker)));
                // A result is a legitimate outcome too; its output is the caller's, never printed here.
                System.out.println("result " + result.status());
            } catch (RuntimeException e) {
                System.out.println("exception " + e.getClass().getName());
                System.out.println("message-has-marker " + String.valueOf(e.getMessage()).contains(marker));
                System.out.println("message-length " + String.valueOf(e.getMessage()).length());
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    System.out.println("cause-has-marker " + String.valueOf(cause.getMessage()).contains(marker));
                }
            }
        }
        System.out.println("done");
    }
}
