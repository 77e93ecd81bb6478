package dev.jsandbox.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Info;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.RequiresDocker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code DockerSandbox.Builder.ociRuntime} reaches the engine: for users who need a stronger kernel boundary than
 * runc's namespaces and seccomp (gVisor's {@code runsc}, Kata). gVisor cannot be installed on this CI machine, so
 * the proof is that the engine receives the name: an unregistered runtime is refused by the engine itself with a
 * clear message and no container, and a registered one (runc, under its own name) runs code.
 */
@RequiresDocker
class OciRuntimeIT {

    @Test
    void anUnknownRuntimeIsRefusedByTheEngineWithAClearMessageAndNoContainer() {
        try (EngineWitness witness = EngineWitness.connect();
                DockerSandbox sandbox = DockerSandbox.builder().ociRuntime("jsandbox-no-such-runtime")
                        .pool(PoolSettings.disabled()).build()) {
            SandboxException refused = assertThrows(SandboxException.class,
                    () -> sandbox.execute(ExecutionRequest.of("python", "print('never')")));
            System.out.println("unknown OCI runtime: " + refused.getMessage());
            assertTrue(refused.getMessage().contains("jsandbox-no-such-runtime"), refused.getMessage());
            assertTrue(refused.getMessage().contains("runtime"), refused.getMessage());
            assertEquals(List.of(), witness.containers(EngineWitness.INSTANCE + "=" + sandbox.instanceId()));
        }
    }

    @Test
    void aRegisteredRuntimeNamedExplicitlyRunsCode() {
        try (EngineWitness witness = EngineWitness.connect()) {
            Info info = witness.client().infoCmd().exec();
            Map<String, ?> runtimes = info.getRuntimes();
            assertFalse(runtimes == null || runtimes.isEmpty(), "the engine lists its runtimes");
            String runtime = runtimes.containsKey("runc") ? "runc" : runtimes.keySet().iterator().next();
            try (DockerSandbox sandbox = DockerSandbox.builder().ociRuntime(runtime).pool(PoolSettings.disabled()).build()) {
                ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", "print('under', 'runc')"));
                assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
                assertEquals("under runc\n", result.stdout());
            }
        }
    }
}
