package dev.jsandbox.benchmark;

import dev.jsandbox.spi.ExecutionPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/** Runs trusted benchmark commands (argument vectors, never a shell) and fails loudly when they fail. */
final class ProcessRunner {

    private ProcessRunner() {
    }

    private static String run(List<String> command, Path directory, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + command + ": " + output);
        }
        return output;
    }

    /**
     * Writes the code into a fresh directory (writable by the sandbox user too, for bind mounts), runs the plan's
     * compile step if any and its run step, each turned into a host command by {@code command}, then deletes the
     * directory.
     */
    static void runPlan(ExecutionPlan plan, String code, BiFunction<Path, List<String>, List<String>> command,
            Map<String, String> environment) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jsandbox-bench");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(dir.resolve(plan.sourceFileName()), code, StandardCharsets.UTF_8);
            if (plan.hasCompileStep()) {
                run(command.apply(dir, plan.compileCommand()), dir, environment);
            }
            run(command.apply(dir, plan.runCommand()), dir, environment);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
