package dev.jsandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.api.SandboxException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.DockerSandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default run's proof that the library works against Podman's Docker-compatible API: a Python hello world, the
 * memory limit, and no new namespace for the sandbox user (the seccomp profile the library adds under Podman). The conformance kit and the hostile catalogue run against Podman in the {@code podman} Maven
 * profile (README, Testing). Needs {@code docker/ensure-podman.sh jsandbox/python:3} (only the Python image, to keep
 * the default run short); fails instead of skipping when CI=true.
 */
@Tag("docker")
class PodmanSmokeIT {

    /** Where docker/ensure-podman.sh starts Podman's API; -Djsandbox.podman.socket overrides it. */
    static final String SOCKET = System.getProperty("jsandbox.podman.socket", "unix:///run/jsandbox-podman.sock");

    private static DockerSandbox sandbox;

    @BeforeAll
    static void connect() {
        try {
            sandbox = DockerSandbox.builder().dockerHost(SOCKET).pool(PoolSettings.disabled()).build();
        } catch (SandboxException e) {
            EngineRuntimes.unavailable("Podman's API does not answer on " + SOCKET + " (" + e.getMessage()
                    + "); run docker/ensure-podman.sh jsandbox/python:3");
        }
    }

    @AfterAll
    static void close() throws InterruptedException {
        if (sandbox != null) {
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
            sandbox.close();
        }
    }

    @Test
    void pythonSaysHello() {
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", "print(input()[::-1])")
                .stdin("namdop olleh").build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
        assertEquals("hello podman\n", result.stdout());
    }

    @Test
    void aMemoryHogMeetsTheLimit() {
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", """
                blocks = []
                while True:
                    blocks.append(b"x" * (8 << 20))
                print("survived")
                """).limitOverrides(LimitOverrides.builder().memoryBytes(128L << 20).build()).build());
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, result.status(), result::toString);
        assertTrue(result.oomKilled(), result::toString);
        assertTrue(!result.stdout().contains("survived"), result::toString);
    }

    @Test
    void theSandboxUserCreatesNoNamespace() {
        // Podman's default seccomp profile lets it; the library's profile refuses it as Docker's does (SECURITY.md).
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", """
                import ctypes, errno
                libc = ctypes.CDLL(None, use_errno=True)
                for name, flag in [("user", 0x10000000), ("mount", 0x00020000), ("net", 0x40000000)]:
                    failed = libc.unshare(flag) == -1
                    print(name, errno.errorcode[ctypes.get_errno()] if failed else "SUCCEEDED")
                """).build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
        assertEquals("user EPERM\nmount EPERM\nnet EPERM\n", result.stdout(), result::toString);
    }
}
