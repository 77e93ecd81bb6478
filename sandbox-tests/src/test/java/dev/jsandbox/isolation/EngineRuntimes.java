package dev.jsandbox.isolation;

import dev.jsandbox.security.EngineWitness;
import dev.jsandbox.testkit.DockerSandboxExtension;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What the smoke tests of other isolation set-ups need from the engine, failing (CI) or skipping when it is absent. */
final class EngineRuntimes {

    private EngineRuntimes() {
    }

    /** Requires the default engine to list the OCI runtime {@code name}, which {@code script} registers. */
    static void require(String name, String script) {
        Map<String, ?> runtimes;
        try (EngineWitness witness = EngineWitness.connect()) {
            runtimes = witness.client().infoCmd().exec().getRuntimes();
        } catch (RuntimeException e) {
            unavailable("no Docker Engine answers (" + e.getMessage() + "); run docker/ensure-engine.sh, then " + script);
            return;
        }
        if (runtimes == null || !runtimes.containsKey(name)) {
            unavailable("the engine has no OCI runtime named " + name + " (it has " + (runtimes == null ? "none"
                    : runtimes.keySet()) + "); run " + script);
        }
    }

    /** Fails when CI=true (isolation tests never skip there), else skips the test class. */
    static void unavailable(String message) {
        if (DockerSandboxExtension.isCi()) {
            Assertions.fail("CI=true, so isolation tests fail instead of skipping: " + message);
        }
        Assumptions.abort(message);
    }
}
