package dev.jsandbox.benchmark;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same commands as plain processes on the host, no container: the floor any sandbox is measured against. Only
 * for languages whose toolchain the host has (and whose plan works outside the image).
 */
final class BareProcessPath implements ExecutionPath {

    private final Map<String, Boolean> supported = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "bare process on the host";
    }

    @Override
    public boolean supports(LanguageRuntime runtime) {
        return supported.computeIfAbsent(runtime.id(), id -> {
            String code = HelloWorlds.BY_LANGUAGE.get(id);
            ExecutionPlan plan = runtime.plan(PlanRequest.of(code));
            if (!onPath(plan.runCommand().get(0)) || (plan.hasCompileStep() && !onPath(plan.compileCommand().get(0)))) {
                return false;
            }
            try {
                execute(runtime, code);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Override
    public void execute(LanguageRuntime runtime, String code) throws Exception {
        ExecutionPlan plan = runtime.plan(PlanRequest.of(code));
        ProcessRunner.runPlan(plan, code, (dir, command) -> resolved(command), plan.environment());
    }

    private static boolean onPath(String command) {
        return command.startsWith("./") || find(command) != null;
    }

    /**
     * The command with its program resolved against the system directories first: version-manager shims (pyenv,
     * nvm) are shell scripts that would add their own start-up to the bare figure.
     */
    private static List<String> resolved(List<String> command) {
        String program = command.get(0);
        String found = program.startsWith("./") ? program : find(program);
        List<String> result = new java.util.ArrayList<>(command);
        result.set(0, found == null ? program : found);
        return result;
    }

    private static @org.jspecify.annotations.Nullable String find(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? program : null;
        }
        List<String> dirs = new java.util.ArrayList<>(List.of("/usr/bin", "/bin", "/usr/local/bin"));
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        return dirs.stream().map(dir -> Path.of(dir, program)).filter(Files::isExecutable).map(Path::toString)
                .findFirst().orElse(null);
    }
}
