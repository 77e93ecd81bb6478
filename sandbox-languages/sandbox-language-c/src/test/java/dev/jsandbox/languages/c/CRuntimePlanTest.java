package dev.jsandbox.languages.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class CRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new CRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    @Test
    void compilesTheMainFileAlone() {
        ExecutionPlan plan = plan("int main(void) { return 0; }");
        assertEquals("main.c", plan.sourceFileName());
        assertEquals(List.of("gcc", "-std=c17", "-O2", "-Wall", "-iquote", ".", "-o", "main", "main.c", "-lm"),
                plan.compileCommand());
        assertEquals(List.of("./main"), plan.runCommand());
    }

    @Test
    void compilesEveryCFileWithTheMainFileAndLeavesHeadersAndDataToIncludesAndReads() {
        ExecutionPlan plan = plan("int main(void) { return 0; }", SourceFile.of("util.c", ""),
                SourceFile.of("util.h", ""), SourceFile.of("lib/deep.c", ""), SourceFile.of("input.txt", ""),
                SourceFile.of("notes.cpp", ""));
        assertEquals(List.of("gcc", "-std=c17", "-O2", "-Wall", "-iquote", ".", "-o", "main", "main.c", "util.c",
                "lib/deep.c", "-lm"), plan.compileCommand());
    }
}
