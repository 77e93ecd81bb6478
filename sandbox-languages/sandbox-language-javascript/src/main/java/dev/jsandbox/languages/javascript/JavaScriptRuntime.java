package dev.jsandbox.languages.javascript;

import dev.jsandbox.api.Limits;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JavaScript on Node.js (Debian's Node 18) in {@code jsandbox/node}.
 *
 * <p>Both module syntaxes work. The code is saved as {@code main.js} and started through the image's
 * {@code run-js.cjs} ({@code docker/node/lib}), which parses it as CommonJS first and runs it as an ES module only when the parser says it
 * must be one ({@code import}/{@code export} statements, {@code import.meta}, top-level {@code await}), which is what
 * Node 22 does by default. So {@code require} works in CommonJS code, and {@code import} and top-level
 * {@code await} work in module code; one file cannot mix {@code import} statements with {@code require}, as in
 * Node itself.
 *
 * <p><b>Several files.</b> The request's further files are local modules, loaded the usual way:
 * {@code require('./util')} from CommonJS code; {@code import { x } from './util.js'} from module code, where (as in
 * Node 22) a {@code .js} file with {@code import}/{@code export} syntax is loaded as an ES module and one without as
 * CommonJS, a {@code .mjs} file is always a module, and a relative specifier without extension ({@code './util'},
 * {@code './lib'}) also finds {@code util.js}, {@code util.mjs} or {@code lib/index.js}, as {@code require} does. A
 * CommonJS program that {@code require}s a file with module syntax gets Node's error, as in Node 22.
 *
 * <p><b>Memory.</b> V8's heap limit is set to the container's memory ({@code --max-old-space-size}, from
 * {@link PlanRequest#memoryMiB()}), so a program that keeps allocating is killed by the kernel, which the sandbox
 * reports as exceeding the memory limit, instead of being stopped by V8's smaller default limit ({@code JavaScript
 * heap out of memory} would be a runtime error). An allocation V8 refuses at once ({@code RangeError: Array buffer
 * allocation failed}, an invalid array length) is a runtime error.
 *
 * <p><b>Warm start.</b> A pre-started container starts node with the launcher's modules loaded before the job is
 * known; the run then happens in that process, the program loaded by Node's own entry point as the main module
 * ({@code Module.runMain}, as {@code node main.js} does), so {@code require.main}, {@code process.argv}, uncaught
 * errors, {@code process.exit} and exit codes are those of a new process (see the image's {@code warm.cjs}).
 */
public final class JavaScriptRuntime implements LanguageRuntime {

    /** The launcher that picks CommonJS or ES module by syntax; see the image's {@code docker/node/lib}. */
    static final String LAUNCHER = "/usr/local/lib/jsandbox/node/run-js.cjs";
    /** The image's warm stage script (docker/node/lib/warm.cjs). */
    static final String WARM = "/usr/local/lib/jsandbox/node/warm.cjs";

    @Override
    public String id() {
        return "javascript";
    }

    @Override
    public String image() {
        return "jsandbox/node:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // V8's heap may grow to the container's whole memory: a program that needs more is killed by the kernel,
        // which the sandbox reports as exceeding the memory limit, instead of aborting with V8's own message.
        return ExecutionPlan.interpreted("main.js",
                List.of("node", "--max-old-space-size=" + request.memoryMiB(), LAUNCHER, "main.js"));
    }

    /**
     * A node process of the run command's flags that has loaded the launcher's own modules; it takes over the run
     * as {@code node FLAGS run-js.cjs main.js ARG...}, running the launcher as its main module (see the image's
     * {@code warm.cjs}).
     */
    @Override
    public Optional<WarmStage> warmStage(Limits limits) {
        List<String> node = List.of("node", "--max-old-space-size=" + (limits.memoryBytes() >> 20));
        List<String> command = new ArrayList<>(node);
        command.addAll(List.of(WARM, LAUNCHER, "./detect-module.cjs"));
        List<String> serves = new ArrayList<>(node);
        serves.add(LAUNCHER);
        return Optional.of(WarmStage.of(command, serves));
    }

    @Override
    public String displayName() {
        return "JavaScript";
    }

    @Override
    public List<String> aliases() {
        return List.of("js", "node", "nodejs");
    }

    @Override
    public String fileExtension() {
        return "js";
    }

    /** Built from the repository's {@code docker/node}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/node"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language javascript";
    }
}
