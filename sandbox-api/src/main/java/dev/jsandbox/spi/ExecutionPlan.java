package dev.jsandbox.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a runtime compiles and runs one source file inside its image. Commands are argument vectors executed
 * directly (never through a shell) in the working directory {@code /workspace}, where the source file is written.
 *
 * @param sourceFileName the name the code is saved under, e.g. {@code main.py}; letters, digits, {@code .},
 *     {@code _} and {@code -} only, not starting with a dot
 * @param compileCommand the compile step, or empty for none; a non-zero exit is a compile error
 * @param runCommand the run step, not empty; the request's arguments are appended
 * @param environment variables the steps need besides the sandbox's fixed ones ({@code PATH}, {@code HOME},
 *     {@code LANG}, {@code TMPDIR}); names of letters, digits and {@code _}
 */
public record ExecutionPlan(
        String sourceFileName, List<String> compileCommand, List<String> runCommand, Map<String, String> environment) {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Validates and copies the components. */
    public ExecutionPlan {
        Objects.requireNonNull(sourceFileName, "sourceFileName");
        if (!FILE_NAME.matcher(sourceFileName).matches()) {
            throw new IllegalArgumentException("sourceFileName must match " + FILE_NAME + ", was '" + sourceFileName + "'");
        }
        compileCommand = List.copyOf(compileCommand);
        runCommand = List.copyOf(runCommand);
        if (runCommand.isEmpty()) {
            throw new IllegalArgumentException("runCommand must not be empty");
        }
        environment = Map.copyOf(environment);
        environment.forEach((name, value) -> {
            if (!VARIABLE.matcher(name).matches() || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable '" + name + "' is malformed");
            }
        });
    }

    /** A plan without compile step. */
    public static ExecutionPlan interpreted(String sourceFileName, List<String> runCommand) {
        return new ExecutionPlan(sourceFileName, List.of(), runCommand, Map.of());
    }

    /** A plan with a compile step. */
    public static ExecutionPlan compiled(String sourceFileName, List<String> compileCommand, List<String> runCommand) {
        if (compileCommand.isEmpty()) {
            throw new IllegalArgumentException("compileCommand must not be empty for a compiled plan");
        }
        return new ExecutionPlan(sourceFileName, compileCommand, runCommand, Map.of());
    }

    /** This plan with the given environment variables (replacing any set before). */
    public ExecutionPlan withEnvironment(Map<String, String> environment) {
        return new ExecutionPlan(sourceFileName, compileCommand, runCommand, environment);
    }

    /** True when the plan has a compile step. */
    public boolean hasCompileStep() {
        return !compileCommand.isEmpty();
    }
}
