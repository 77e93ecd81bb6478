package dev.jsandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LimitOverrides;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.DockerSandboxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default run's proof that gVisor works with our policy ({@code ociRuntime("runsc")}): hello world in an
 * interpreted and a compiled language, the kernel is gVisor's, a memory hog ends as MEMORY_LIMIT_EXCEEDED, a fork
 * bomb is contained and a program cannot kill the runner. The whole conformance kit and hostile catalogue run under runsc in the {@code gvisor} Maven
 * profile (README, Testing). Needs {@code docker/ensure-runsc.sh}; fails instead of skipping when CI=true.
 */
@Tag("docker")
class GvisorSmokeIT {

    private static DockerSandbox sandbox;

    @BeforeAll
    static void connect() {
        EngineRuntimes.require("runsc", "docker/ensure-runsc.sh");
        sandbox = DockerSandbox.builder().ociRuntime("runsc").pool(PoolSettings.disabled()).build();
    }

    @AfterAll
    static void close() throws InterruptedException {
        if (sandbox != null) {
            DockerSandboxExtension.assertNoContainersLeft(sandbox);
            sandbox.close();
        }
    }

    @Test
    void pythonAndCSayHello() {
        ExecutionResult python = sandbox.execute(ExecutionRequest.of("python", "print('Hello, gVisor!')"));
        assertEquals(ExecutionStatus.SUCCESS, python.status(), python::toString);
        assertEquals("Hello, gVisor!\n", python.stdout());
        ExecutionResult c = sandbox.execute(ExecutionRequest.of("c",
                "#include <stdio.h>\nint main(void) { puts(\"Hello, gVisor!\"); return 0; }\n"));
        assertEquals(ExecutionStatus.SUCCESS, c.status(), c::toString);
        assertEquals("Hello, gVisor!\n", c.stdout());
    }

    @Test
    void theProgramSeesGvisorsKernelNotTheHosts() {
        // gVisor's kernel writes its own boot banner into the kernel log it emulates; the host's log is not readable
        // from a runc container without CAP_SYSLOG. The banner is the test's evidence, not a result the library reads.
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", """
                import os, subprocess
                print(os.uname().release)
                print(subprocess.run(["dmesg"], capture_output=True, text=True).stdout)
                """));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
        assertTrue(result.stdout().contains("Starting gVisor"), result::toString);
        assertTrue(!result.stdout().startsWith(System.getProperty("os.version") + "\n"),
                () -> "the program saw the host's kernel release: " + result);
    }

    @Test
    void aMemoryHogEndsAsMemoryLimitExceeded() {
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("python", """
                blocks = []
                while True:
                    blocks.append(b"x" * (8 << 20))
                print("survived")
                """).limitOverrides(LimitOverrides.builder().memoryBytes(128L << 20).build()).build());
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, result.status(), result::toString);
        assertTrue(!result.stdout().contains("survived"), result::toString);
        assertHelloStillWorks();
    }

    @Test
    void aForkBombIsContained() {
        // As under runc: gVisor's kernel refuses the forks past RLIMIT_NPROC (the program's process limit under
        // gVisor, ContainerPolicy) and the bomb spins until its timeout. This needs the systrap platform that
        // docker/ensure-runsc.sh registers: on ptrace every stub process gains a host thread for every gVisor thread
        // that ran in it, so a bomb meets the host's pids limit within a second and gVisor's kernel dies without a
        // result (SECURITY.md, gVisor). The host's limit holds either way; the next execution works.
        ExecutionResult result = sandbox.execute(ExecutionRequest.builder("c",
                "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n")
                .limitOverrides(LimitOverrides.timeout(Duration.ofSeconds(2))).build());
        assertEquals(ExecutionStatus.TIMEOUT, result.status(), result::toString);
        assertHelloStillWorks();
    }

    @Test
    void aProgramCannotKillTheRunner() {
        // gVisor does not protect PID 1 from its own namespace's signals (google/gvisor#11836), so the runner runs the
        // program as another uid (ContainerPolicy, --job-user): the kernel refuses the signals with EPERM. The runner
        // surviving is shown by the result itself: only the runner reports it. The program holds no capability.
        ExecutionResult result = sandbox.execute(ExecutionRequest.of("python", """
                import os, signal
                for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP, signal.SIGALRM):
                    try:
                        os.kill(1, sig)
                        print(sig.name, "sent")
                    except PermissionError:
                        print(sig.name, "EPERM")
                print(os.getresuid(), os.getresgid(), os.getgroups())
                with open("/proc/self/status") as status:
                    print([line.split()[1] for line in status if line.startswith(("CapPrm", "CapEff"))])
                """));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
        assertEquals("""
                SIGKILL EPERM
                SIGTERM EPERM
                SIGSTOP EPERM
                SIGALRM EPERM
                (10001, 10001, 10001) (10001, 10001, 10001) []
                ['0000000000000000', '0000000000000000']
                """, result.stdout(), result::toString);
        assertHelloStillWorks();
    }

    private static void assertHelloStillWorks() {
        ExecutionResult after = sandbox.execute(ExecutionRequest.of("python", "print('still here')"));
        assertEquals(ExecutionStatus.SUCCESS, after.status(), after::toString);
        assertEquals("still here\n", after.stdout());
    }
}
