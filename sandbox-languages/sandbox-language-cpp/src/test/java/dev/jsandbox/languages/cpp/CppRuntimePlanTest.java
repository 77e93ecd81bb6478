package dev.jsandbox.languages.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class CppRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new CppRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    @Test
    void compilesTheMainFileAlone() {
        ExecutionPlan plan = plan("int main() {}");
        assertEquals("main.cpp", plan.sourceFileName());
        assertEquals(List.of("g++", "-std=c++20", "-O2", "-Wall", "-I", "/usr/local/lib/jsandbox/pch", "-Winvalid-pch", "-iquote", ".", "-o", "main", "main.cpp"),
                plan.compileCommand());
        assertEquals(List.of("./main"), plan.runCommand());
    }

    @Test
    void compilesEveryCppCcAndCxxFileInTheRequestsOrder() {
        ExecutionPlan plan = plan("int main() {}", SourceFile.of("b.cc", ""), SourceFile.of("util.hpp", ""),
                SourceFile.of("a.cpp", ""), SourceFile.of("lib/c.cxx", ""), SourceFile.of("old.c", ""));
        assertEquals(List.of("g++", "-std=c++20", "-O2", "-Wall", "-I", "/usr/local/lib/jsandbox/pch", "-Winvalid-pch", "-iquote", ".", "-o", "main", "main.cpp",
                "b.cc", "a.cpp", "lib/c.cxx"), plan.compileCommand());
    }
}
