package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import dev.jsandbox.api.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The container policy as the engine receives it; SECURITY.md explains each line. */
class ContainerPolicyTest {

    private final HostConfig host = ContainerPolicy.hostConfig(Limits.defaults(), null);

    @Test
    void isolatesNetworkFileSystemAndPrivileges() {
        assertEquals("none", host.getNetworkMode());
        assertEquals(true, host.getReadonlyRootfs());
        assertEquals(List.of(Capability.ALL), List.of(host.getCapDrop()));
        assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
        assertEquals(false, host.getPrivileged());
        assertEquals(0, host.getBinds().length, "no host mounts");
        assertNull(host.getMounts(), "no host mounts");
        assertEquals(LogConfig.LoggingType.NONE, host.getLogConfig().getType());
    }

    @Test
    void boundsMemoryWithoutSwapProcessesAndCpu() {
        assertEquals(256L << 20, host.getMemory());
        assertEquals(host.getMemory(), host.getMemorySwap(), "memory+swap equal to memory: no swap");
        assertEquals(50L, host.getPidsLimit());
        assertEquals(1_000_000_000L, host.getNanoCPUs());
        assertEquals(8L << 20, host.getShmSize());
    }

    @Test
    void onlyTheWorkspaceIsExecutableAndBothTmpfsAreBounded() {
        String workspace = host.getTmpFs().get("/workspace");
        String tmp = host.getTmpFs().get("/tmp");
        assertTrue(workspace.contains("exec") && !workspace.contains("noexec") && workspace.contains("size=67108864"), workspace);
        assertTrue(workspace.contains("nosuid") && workspace.contains("uid=10001"), workspace);
        assertTrue(tmp.contains("noexec") && tmp.contains("nosuid") && tmp.contains("size=67108864"), tmp);
    }

    @Test
    void usesTheRequestedOciRuntime() {
        assertNull(host.getRuntime());
        assertEquals("runsc", ContainerPolicy.hostConfig(Limits.defaults(), "runsc").getRuntime());
    }

    @Test
    void underGvisorTheProcessLimitIsGvisorsOwnAndTheHostLimitASafetyNet() {
        Limits limits = Limits.defaults();
        HostConfig gvisor = ContainerPolicy.hostConfig(limits, "runsc");
        assertTrue(java.util.Arrays.stream(gvisor.getUlimits()).anyMatch(u -> u.getName().equals("nproc")
                && u.getSoft() == limits.maxProcesses() - 1 && u.getHard() == limits.maxProcesses() - 1),
                gvisor::toString); // the runner, root of gVisor's kernel, is not counted: it is one of maxProcesses
        assertEquals(ContainerPolicy.GVISOR_HOST_TASKS_BASE
                + (long) ContainerPolicy.GVISOR_HOST_TASKS_PER_PROCESS * limits.maxProcesses(), gvisor.getPidsLimit());
        // Under runc the pids cgroup is the limit; RLIMIT_NPROC would count uid 10001 across all containers.
        assertEquals((long) limits.maxProcesses(), host.getPidsLimit());
        assertTrue(java.util.Arrays.stream(host.getUlimits()).noneMatch(u -> u.getName().equals("nproc")), host::toString);
    }

    @Test
    void recognisesGvisorByItsUsualNames() {
        assertTrue(ContainerPolicy.isGvisor("runsc"));
        assertTrue(ContainerPolicy.isGvisor("runsc-kvm"));
        assertTrue(ContainerPolicy.isGvisor("gVisor"));
        assertFalse(ContainerPolicy.isGvisor("runc"));
        assertFalse(ContainerPolicy.isGvisor("kata"));
        assertFalse(ContainerPolicy.isGvisor(null));
    }

    @Test
    void onPodmanTheWorkspaceIsTheSandboxUsersThroughU() {
        HostConfig podman = ContainerPolicy.hostConfig(Limits.defaults(), null, true);
        String workspace = podman.getTmpFs().get("/workspace");
        assertTrue(workspace.contains(",U,") && workspace.endsWith("mode=0700") && !workspace.contains("uid="), workspace);
        assertEquals((long) Limits.defaults().maxProcesses(), podman.getPidsLimit());
        assertTrue(java.util.Arrays.stream(podman.getUlimits()).anyMatch(u -> u.getName().equals("nproc")
                && u.getHard() == ContainerPolicy.PODMAN_NPROC), podman::toString);
    }

    @Test
    void underGvisorTheRunnerIsRootOfGvisorsKernelWithThreeCapabilitiesAndRunsTheJobAsTheSandboxUser() {
        HostConfig gvisor = ContainerPolicy.hostConfig(Limits.defaults(), "runsc");
        assertEquals("0:0", ContainerPolicy.containerUser("runsc"));
        assertEquals(List.of("--job-user", ContainerPolicy.USER), ContainerPolicy.runnerUserArguments("runsc"));
        assertEquals(List.of(Capability.ALL), List.of(gvisor.getCapDrop()));
        assertEquals(List.of(Capability.SETUID, Capability.SETGID, Capability.KILL), List.of(gvisor.getCapAdd()));
        assertEquals(List.of("no-new-privileges"), gvisor.getSecurityOpts());
        assertEquals(Boolean.TRUE, gvisor.getReadonlyRootfs());
        assertEquals(Boolean.FALSE, gvisor.getPrivileged());
    }

    @Test
    void underRuncTheContainerIsTheSandboxUsersWithNoCapabilityAndNoJobUserOption() {
        assertEquals(ContainerPolicy.USER, ContainerPolicy.containerUser(null));
        assertEquals(ContainerPolicy.USER, ContainerPolicy.containerUser("runc"));
        assertEquals(List.of(), ContainerPolicy.runnerUserArguments(null));
        assertEquals(List.of(), ContainerPolicy.runnerUserArguments("runc"));
        assertTrue(host.getCapAdd() == null || host.getCapAdd().length == 0, host::toString);
    }
}
