package dev.jsandbox.languages.typescript;

import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TypeScript in {@code jsandbox/node}: type-checked and compiled by TypeScript 7 (the native compiler, the fastest
 * that type-checks: about 0.1 s of CPU for a small program, a tenth of TypeScript 5.9's), then run by Node.js like
 * JavaScript code.
 *
 * <p>Compile step, on {@code main.ts}: {@code --strict}; target and library ES2022 (what Node 18 implements), with
 * Node's types ({@code @types/node} 18), so {@code process}, {@code require} and Node's modules type-check;
 * {@code --module preserve}, so {@code import} statements stay ES module syntax and the launcher runs the output as
 * an ES module (top-level {@code await} works), while code without them runs as CommonJS; {@code --skipLibCheck},
 * which skips re-checking the library declarations and cuts the compile time and memory by two thirds;
 * {@code --singleThreaded}, as the sandbox has one CPU and counts threads against its process limit. A type error
 * is a compile error reported as {@code main.ts(LINE,COLUMN): error TS....}. Source maps are emitted and used, so
 * stack traces of runtime errors point into {@code main.ts}. Only Node's built-in modules and the request's own
 * files can be imported.
 *
 * <p><b>Several files.</b> tsc compiles {@code main.ts} together with every {@code .ts}, {@code .mts} and
 * {@code .cts} file of the request (declaration files {@code .d.ts} included), so {@code import { x } from
 * './util'} and {@code './lib/math'} type-check across files, and errors name their file
 * ({@code lib/math.ts(2,3): error ...}). Each file's JavaScript is written beside it; the launcher then loads local
 * modules as described for JavaScript (a specifier without extension finds the emitted {@code .js} file).
 *
 * <p><b>Memory.</b> The run step gives V8 the container's memory as its heap limit ({@code --max-old-space-size},
 * from {@link PlanRequest#memoryMiB()}), so a program that keeps allocating is killed by the kernel and reported as
 * exceeding the memory limit. tsc is a Go program without a heap limit of its own: the container's limit is the
 * only one it meets.
 */
public final class TypeScriptRuntime implements LanguageRuntime {

    private static final String NODE_TOOLS = "/usr/local/lib/jsandbox/node";
    private static final String MAIN = "main.ts";
    private static final List<String> COMPILER = List.of("tsc", "--pretty", "false", "--strict",
            "--target", "es2022", "--lib", "es2022", "--module", "preserve", "--types", "node",
            "--typeRoots", NODE_TOOLS + "/node_modules/@types", "--skipLibCheck", "--singleThreaded", "--sourceMap",
            "--newLine", "lf");
    /** The TypeScript sources tsc compiles besides {@code main.ts} (declaration files end with {@code .d.ts}). */
    private static final List<String> SOURCE_SUFFIXES = List.of(".ts", ".mts", ".cts");

    @Override
    public String id() {
        return "typescript";
    }

    @Override
    public String image() {
        return "jsandbox/node:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        List<String> compile = new ArrayList<>(COMPILER);
        compile.add(MAIN);
        request.files().stream().map(SourceFile::name)
                .filter(name -> !name.equals(MAIN) && SOURCE_SUFFIXES.stream().anyMatch(name::endsWith))
                .forEach(compile::add);
        // V8's heap may grow to the container's whole memory, so a memory hog meets the kernel's limit (reported as
        // exceeding the memory limit), not V8's. tsc is a Go program without a heap limit of its own.
        return ExecutionPlan.compiled(MAIN, compile, List.of("node", "--max-old-space-size=" + request.memoryMiB(),
                "--enable-source-maps", NODE_TOOLS + "/run-js.cjs", "main.js"));
    }

    @Override
    public String displayName() {
        return "TypeScript";
    }

    @Override
    public List<String> aliases() {
        return List.of("ts");
    }

    @Override
    public String fileExtension() {
        return "ts";
    }

    @Override
    public boolean compiled() {
        return true;
    }

    /** Built from the repository's {@code docker/node}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/node"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language typescript";
    }
}
