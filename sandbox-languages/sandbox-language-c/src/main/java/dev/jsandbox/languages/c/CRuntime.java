package dev.jsandbox.languages.c;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;

/**
 * C17 with GCC (Debian's GCC 12) in {@code jsandbox/gcc}.
 *
 * <p>Compiled with {@code gcc -std=c17 -O2 -Wall main.c -lm} into {@code /workspace/main}, the only place the
 * sandbox executes files from. Warnings ({@code -Wall}) appear in the compile output of a successful build;
 * compiler and linker errors (an undefined function, a missing {@code main}) are compile errors, reported as
 * {@code main.c:LINE:COLUMN: error: ...}. Only the C standard library and libm are available.
 */
public final class CRuntime implements LanguageRuntime {

    private static final ExecutionPlan PLAN = ExecutionPlan.compiled("main.c",
            List.of("gcc", "-std=c17", "-O2", "-Wall", "-o", "main", "main.c", "-lm"),
            List.of("./main"));

    @Override
    public String id() {
        return "c";
    }

    @Override
    public String image() {
        return "jsandbox/gcc:2";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        return PLAN;
    }

    @Override
    public String displayName() {
        return "C";
    }

    @Override
    public String fileExtension() {
        return "c";
    }

    @Override
    public boolean compiled() {
        return true;
    }

    @Override
    public String buildCommand() {
        return "docker/build-images.sh gcc";
    }
}
