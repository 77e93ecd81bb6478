package dev.jsandbox.languages.go;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
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

    private static final ExecutionPlan PLAN = ExecutionPlan.compiled("main.go",
            List.of("/usr/local/lib/jsandbox/go/build-go", "main.go", "main"),
            List.of("./main"));

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
        return PLAN;
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
