package dev.jsandbox.languages.c;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * C17 with GCC (Debian's GCC 12) in {@code jsandbox/gcc}.
 *
 * <p>Compiled with {@code gcc -std=c17 -O2 -Wall -iquote . main.c ... -lm} into {@code /workspace/main}, the only
 * place the sandbox executes files from. Warnings ({@code -Wall}) appear in the compile output of a successful
 * build; compiler and linker errors (an undefined function, a missing {@code main}) are compile errors, reported as
 * {@code main.c:LINE:COLUMN: error: ...}. Only the C standard library and libm are available.
 *
 * <p><b>Several files.</b> Every {@code .c} file of the request is compiled and linked with {@code main.c}, in the
 * request's order. Local headers are found by {@code #include "util.h"} from the including file's folder (as always)
 * and by their path from the workspace ({@code #include "lib/util.h"}, {@code -iquote .}) from any file.
 *
 * <p>A program that outgrows the container's memory is killed by the kernel, which the sandbox reports as exceeding
 * the memory limit; a {@code malloc} that fails returns {@code NULL}, and what the program then does is its own.
 */
public final class CRuntime implements LanguageRuntime {

    private static final String MAIN = "main.c";

    @Override
    public String id() {
        return "c";
    }

    @Override
    public String image() {
        return "jsandbox/gcc:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // -iquote . lets any file include a local header by its path from the workspace ("lib/util.h"), as well as
        // from its own folder, which is where #include "..." looks first.
        List<String> compile = new ArrayList<>(List.of("gcc", "-std=c17", "-O2", "-Wall", "-iquote", ".", "-o", "main",
                MAIN));
        request.fileNamesEndingWith(".c").stream().filter(name -> !name.equals(MAIN)).forEach(compile::add);
        compile.add("-lm");
        return ExecutionPlan.compiled(MAIN, compile, List.of("./main"));
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

    /** Built from the repository's {@code docker/gcc}, which this jar ships. */
    @Override
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/gcc"));
    }

    @Override
    public String buildCommand() {
        return "java -jar jsandbox-server.jar images build --language c";
    }
}
