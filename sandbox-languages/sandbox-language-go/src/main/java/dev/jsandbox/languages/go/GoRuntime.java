package dev.jsandbox.languages.go;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Go (1.23 from Debian bookworm-backports) in {@code jsandbox/go}.
 *
 * <p>The code is the main file of {@code package main}, built into {@code /workspace/main} by the image's
 * {@code build-go} script. The standard library is compiled when the image is built, so only the program itself is
 * compiled and a build fits the sandbox's memory. A program of plain {@code .go} files beside {@code main.go} without
 * build constraints, {@code go:embed} or cgo is compiled and linked by the toolchain directly, with the flags
 * {@code go build} uses (recorded when the image is built), which skips the go command's own start (about 0.15 s
 * instead of 0.7 s); every other program, and any the quick path fails to build, goes through {@code go build}, so
 * errors read as the go command writes them. Only the standard library is available: module downloads are off ({@code GOPROXY=off},
 * {@code GOFLAGS=-mod=mod}, {@code GOTOOLCHAIN=local}, no network anyway), and importing anything else is a compile
 * error that says so. cgo is off. Compile errors read {@code ./main.go:LINE:COLUMN: ...}.
 *
 * <p><b>Several files.</b> Without a {@code go.mod}, every {@code .go} file of the request (tests,
 * {@code *_test.go}, left out) is built with {@code main.go} as {@code package main}; all of them must sit beside it,
 * as {@code go build} wants named files in one folder (otherwise a compile error says so and what to do). With a
 * {@code go.mod} at the top ({@code module example}, no requirements: nothing can be downloaded), the module is
 * built: its top folder is {@code package main}, and its sub-folders are packages the program imports by path
 * ({@code example/greet}).
 *
 * <p>A program that outgrows the container's memory is killed by the kernel, which the sandbox reports as exceeding
 * the memory limit; Go has no heap limit of its own. {@code fatal error: runtime: out of memory} (an allocation the
 * system refused at once) is a runtime error.
 */
public final class GoRuntime implements LanguageRuntime {

    private static final String MAIN = "main.go";
    private static final String BUILD = "/usr/local/lib/jsandbox/go/build-go";

    @Override
    public String id() {
        return "go";
    }

    @Override
    public String image() {
        return "jsandbox/go:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        List<String> compile = new ArrayList<>(List.of(BUILD, "main"));
        if (request.files().stream().anyMatch(file -> file.name().equals("go.mod"))) {
            // A module: its root package is the program, and its folders are packages it imports by path.
            compile.add(".");
        } else {
            // The files of package main, named one by one as `go build` wants them outside a module (tests are no
            // part of a program). Files in folders make go say that named files must be in one directory.
            compile.add(MAIN);
            request.fileNamesEndingWith(".go").stream()
                    .filter(name -> !name.equals(MAIN) && !name.endsWith("_test.go"))
                    .forEach(compile::add);
        }
        return ExecutionPlan.compiled(MAIN, compile, List.of("./main"));
    }

    @Override
    public String displayName() {
        return "Go";
    }

    @Override
    public List<String> aliases() {
        return List.of("golang");
    }

    @Override
    public String fileExtension() {
        return "go";
    }

    @Override
    public boolean compiled() {
        return true;
    }

    /** Built from the repository's {@code docker/go}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/go"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language go";
    }
}
