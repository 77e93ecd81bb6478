package dev.jsandbox.benchmark;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original system's design: one {@code docker run --rm} process per step (compile, then run) with the same
 * policy flags, the source handed over through a host directory mounted at {@code /workspace}.
 */
final class OriginalDesignPath implements ExecutionPath {

    private static final Map<String, String> ENVIRONMENT = Map.of("PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME", "/workspace", "LANG", "C.UTF-8",
            "TMPDIR", "/tmp");

    @Override
    public String name() {
        return "original design (docker run per step)";
    }

    @Override
    public boolean supports(LanguageRuntime runtime) {
        return true;
    }

    @Override
    public void execute(LanguageRuntime runtime, String code) throws Exception {
        ExecutionPlan plan = runtime.plan(PlanRequest.of(code));
        ProcessRunner.runPlan(plan, code, (dir, command) -> dockerRun(runtime, plan, dir, command), Map.of());
    }

    private static List<String> dockerRun(LanguageRuntime runtime, ExecutionPlan plan, Path dir, List<String> command) {
        Limits limits = Limits.defaults();
        List<String> args = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none", "--read-only",
                "--tmpfs", "/tmp:rw,noexec,nosuid,nodev,size=" + limits.workspaceBytes(),
                "--memory", Long.toString(limits.memoryBytes()), "--memory-swap", Long.toString(limits.memoryBytes()),
                "--pids-limit", Integer.toString(limits.maxProcesses()), "--cpus", Double.toString(limits.cpus()),
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--user", "10001:10001",
                "-v", dir + ":/workspace", "-w", "/workspace"));
        Map<String, String> environment = new java.util.HashMap<>(ENVIRONMENT);
        environment.putAll(plan.environment());
        environment.forEach((name, value) -> args.addAll(List.of("-e", name + "=" + value)));
        args.addAll(List.of("--entrypoint", command.get(0), runtime.image()));
        args.addAll(command.subList(1, command.size()));
        return args;
    }
}
