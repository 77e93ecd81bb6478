package dev.jsandbox.languages.python;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python 3 (Debian's CPython 3.11) in {@code jsandbox/python}.
 *
 * <p>Runs {@code python3 -u -B main.py}: unbuffered, so output written before a timeout reaches the caller, and
 * without writing bytecode caches.
 *
 * <p><b>Several files.</b> Python puts the main file's folder first on {@code sys.path}, so the request's further
 * files import as usual: {@code util.py} as {@code import util}, {@code shapes/square.py} as {@code from shapes.square
 * import area} (with or without {@code shapes/__init__.py}). Data files are opened by their relative path.
 *
 * <p>A program that outgrows the container's memory is killed by the kernel, which the sandbox reports as exceeding
 * the memory limit; a {@code MemoryError} the program does not catch is a runtime error.
 */
public final class PythonRuntime implements LanguageRuntime {

    private static final ExecutionPlan PLAN = ExecutionPlan.interpreted("main.py", List.of("python3", "-u", "-B", "main.py"))
            .withEnvironment(Map.of("PYTHONIOENCODING", "utf-8"));

    @Override
    public String id() {
        return "python";
    }

    @Override
    public String image() {
        return "jsandbox/python:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        return PLAN;
    }

    @Override
    public String displayName() {
        return "Python";
    }

    @Override
    public List<String> aliases() {
        return List.of("py", "python3");
    }

    @Override
    public String fileExtension() {
        return "py";
    }

    /** Built from the repository's {@code docker/python}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/python"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language python";
    }
}
