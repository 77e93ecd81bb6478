package dev.jsandbox.languages.go;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Go (1.23 from Debian bookworm-backports) in {@code jsandbox/go}.
 *
 * <p>The code is one file of {@code package main}, built with {@code go build} into {@code /workspace/main} by the
 * image's {@code build-go} script. The standard library is compiled when the image is built, and every build
 * starts from that cache, so only the program itself is compiled (a few hundred milliseconds) and a build fits
 * the sandbox's memory. Only the standard library is available: module downloads are off ({@code GOPROXY=off},
 * {@code GOFLAGS=-mod=mod}, {@code GOTOOLCHAIN=local}, no network anyway), and importing anything else is a compile
 * error that says so. cgo is off. Compile errors read {@code ./main.go:LINE:COLUMN: ...}.
 *
 * <p>A program whose allocation fails gets {@code fatal error: runtime: out of memory}, which counts as exceeding
 * the memory limit.
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
        return "jsandbox/go:2";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        List<String> compile = new ArrayList<>(List.of(BUILD, "main"));
        if (request.fileNamesEndingWith("go.mod").contains("go.mod")) {
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


    @Override
    public String buildCommand() {
        return "docker/build-images.sh go";
    }
}
