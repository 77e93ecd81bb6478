package dev.jsandbox.languages.cpp;

import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * C++20 with GCC (Debian's g++ 12) in {@code jsandbox/gcc}.
 *
 * <p>Compiled with {@code g++ -std=c++20 -O2 -Wall -iquote . main.cpp ...} into {@code /workspace/main}, the only
 * place the sandbox executes files from. Warnings ({@code -Wall}) appear in the compile output of a successful
 * build; compiler and linker errors are compile errors, reported as {@code main.cpp:LINE:COLUMN: error: ...}. The
 * standard library (libstdc++) is available, {@code <bits/stdc++.h>} included; no other library is. When a file's
 * first {@code #include} is {@code <bits/stdc++.h>}, {@code <iostream>}, {@code <string>}, {@code <vector>} or
 * {@code <algorithm>}, g++ loads it precompiled (a hello world with {@code <iostream>} compiles in about half the
 * time).
 *
 * <p><b>Several files.</b> Every {@code .cpp}, {@code .cc} and {@code .cxx} file of the request is compiled and
 * linked with {@code main.cpp}, in the request's order ({@code .c} files are not: g++ would compile them as C++).
 * Local headers are found by {@code #include "util.hpp"} from the including file's folder and by their path from the
 * workspace ({@code #include "include/util.hpp"}, {@code -iquote .}) from any file.
 *
 * <p>A program that outgrows the container's memory is killed by the kernel, which the sandbox reports as exceeding
 * the memory limit. An allocation refused at once ({@code std::bad_alloc} for a size the system cannot provide) that
 * the program does not catch aborts it: a runtime error.
 */
public final class CppRuntime implements LanguageRuntime {

    private static final String MAIN = "main.cpp";
    /** Where the image keeps its precompiled headers. */
    static final String PRECOMPILED_HEADERS = "/usr/local/lib/jsandbox/pch";
    /** The extensions g++ compiles as C++ that a request's file names can have. */
    private static final List<String> SOURCE_SUFFIXES = List.of(".cpp", ".cc", ".cxx");

    @Override
    public String id() {
        return "cpp";
    }

    @Override
    public String image() {
        return "jsandbox/gcc:3";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        // -iquote . lets any file include a local header by its path from the workspace ("lib/util.hpp"), as well
        // as from its own folder, which is where #include "..." looks first.
        // The image holds <bits/stdc++.h>, <iostream>, <string>, <vector> and <algorithm> precompiled with exactly
        // these -std and -O flags (docker/gcc/Dockerfile); -I puts them before the real headers, g++ loads the one a
        // file includes first, and -Winvalid-pch says so should one ever stop matching.
        List<String> compile = new ArrayList<>(List.of("g++", "-std=c++20", "-O2", "-Wall", "-I", PRECOMPILED_HEADERS,
                "-Winvalid-pch", "-iquote", ".", "-o", "main", MAIN));
        request.files().stream().map(SourceFile::name)
                .filter(name -> !name.equals(MAIN) && SOURCE_SUFFIXES.stream().anyMatch(name::endsWith))
                .forEach(compile::add);
        return ExecutionPlan.compiled(MAIN, compile, List.of("./main"));
    }

    @Override
    public String displayName() {
        return "C++";
    }

    @Override
    public List<String> aliases() {
        return List.of("c++", "cxx");
    }

    @Override
    public String fileExtension() {
        return "cpp";
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
        return "java -jar jsandbox-server.jar images build --language cpp";
    }
}
