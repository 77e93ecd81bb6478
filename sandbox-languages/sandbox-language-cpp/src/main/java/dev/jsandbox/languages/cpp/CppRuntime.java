package dev.jsandbox.languages.cpp;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;

/**
 * C++20 with GCC (Debian's g++ 12) in {@code jsandbox/gcc}.
 *
 * <p>Compiled with {@code g++ -std=c++20 -O2 -Wall main.cpp} into {@code /workspace/main}, the only place the
 * sandbox executes files from. Warnings ({@code -Wall}) appear in the compile output of a successful build;
 * compiler and linker errors are compile errors, reported as {@code main.cpp:LINE:COLUMN: error: ...}. The
 * standard library (libstdc++) is available, {@code <bits/stdc++.h>} included; no other library is.
 *
 * <p>An uncaught {@code std::bad_alloc} counts as exceeding the memory limit.
 */
public final class CppRuntime implements LanguageRuntime {

    private static final ExecutionPlan PLAN = ExecutionPlan.compiled("main.cpp",
            List.of("g++", "-std=c++20", "-O2", "-Wall", "-o", "main", "main.cpp"),
            List.of("./main"));

    @Override
    public String id() {
        return "cpp";
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


    @Override
    public String buildCommand() {
        return "docker/build-images.sh gcc";
    }
}
