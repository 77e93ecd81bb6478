package dev.jsandbox.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A runtime's warm stage: a process a pre-started container starts before its job is known, so that the job does
 * not pay for loading the language's tooling. Declared by {@link LanguageRuntime#warmStage(dev.jsandbox.api.Limits)}.
 *
 * <p><b>What the container does.</b> Only pre-started (pooled) containers have a warm stage. Their runner starts
 * {@link #command()} at once, as it starts every program: as the sandbox user under the container's full policy,
 * with the environment {@code PATH}, {@code HOME}, {@code LANG}, {@code TMPDIR} plus {@link #environment()}, in
 * {@code /workspace} (still empty), with stdin, stdout and stderr on pipes of the runner's, and with a control pipe
 * on file descriptor 3. The process loads what it needs and then blocks reading descriptor 3.
 *
 * <p>When the job arrives, the runner writes its files and looks at the job's first step: the compile step when the
 * plan has one, else the run of a job with a single run (a judge job's runs always start fresh processes, so that
 * every test case is measured alike). If that step's command starts with {@link #serves()}, the plan's environment
 * equals {@link #environment()} and the warm process is still alive, the runner hands the step over: it writes the
 * rest of the step's command (the arguments after the {@code serves} prefix, the request's arguments included) to
 * descriptor 3 as {@code <count>\n} followed by {@code <length>\n<UTF-8 bytes>} for each argument, and closes it. The
 * warm process must then behave exactly as {@code serves + rest} would have as a new process: the same output, exit
 * status, reaction to stdin (the step's stdin arrives on its stdin), arguments and errors. Output it wrote before the
 * hand-over is discarded. The step's deadline, wall time and CPU time start at the hand-over. In every other case
 * the runner kills the warm process unused and runs the step as a new process, so a warm stage can only make a step
 * start sooner, never change what it does.
 *
 * <p>Everything of the job still runs in a container of its own that serves no other job, and nothing reaches the
 * warm process before the hand-over but what the runner writes to descriptor 3.
 *
 * @param command the warm process's argv, not empty; executed directly, never through a shell
 * @param serves the prefix of the step commands the warm process can take over, not empty, e.g. the run command of
 *     the plan without the source file's name and the request's arguments
 * @param environment variables besides the sandbox's fixed ones; must equal the plan's for a hand-over
 */
public record WarmStage(List<String> command, List<String> serves, Map<String, String> environment) {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Validates and copies the components. */
    public WarmStage {
        command = List.copyOf(command);
        serves = List.copyOf(serves);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        if (serves.isEmpty()) {
            throw new IllegalArgumentException("serves must not be empty");
        }
        environment = Map.copyOf(environment);
        environment.forEach((name, value) -> {
            if (!VARIABLE.matcher(name).matches() || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable '" + name + "' is malformed");
            }
        });
        for (String argument : command) {
            Objects.requireNonNull(argument, "command argument");
            if (argument.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("command arguments must not contain NUL");
            }
        }
        for (String argument : serves) {
            if (argument.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("serves arguments must not contain NUL");
            }
        }
    }

    /** A warm stage without environment variables of its own. */
    public static WarmStage of(List<String> command, List<String> serves) {
        return new WarmStage(command, serves, Map.of());
    }
}
