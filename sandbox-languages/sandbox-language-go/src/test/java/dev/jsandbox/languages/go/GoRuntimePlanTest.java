package dev.jsandbox.languages.go;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class GoRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new GoRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    private static final String BUILD = "/usr/local/lib/jsandbox/go/build-go";

    @Test
    void buildsTheMainFileAlone() {
        ExecutionPlan plan = plan("package main\nfunc main() {}\n");
        assertEquals("main.go", plan.sourceFileName());
        assertEquals(List.of(BUILD, "main", "main.go"), plan.compileCommand());
        assertEquals(List.of("./main"), plan.runCommand());
    }

    @Test
    void buildsEveryGoFileButTestsOutsideAModule() {
        ExecutionPlan plan = plan("package main\nfunc main() {}\n", SourceFile.of("util.go", ""),
                SourceFile.of("util_test.go", ""), SourceFile.of("input.txt", ""), SourceFile.of("sub/x.go", ""));
        assertEquals(List.of(BUILD, "main", "main.go", "util.go", "sub/x.go"), plan.compileCommand());
    }

    @Test
    void buildsTheModuleWhenAGoModIsGiven() {
        ExecutionPlan plan = plan("package main\nfunc main() {}\n", SourceFile.of("go.mod", "module example\n"),
                SourceFile.of("greet/greet.go", ""));
        assertEquals(List.of(BUILD, "main", "."), plan.compileCommand());
    }

    @Test
    void aGoModInAFolderIsNoModuleOfTheProgram() {
        ExecutionPlan plan = plan("package main\nfunc main() {}\n", SourceFile.of("vendor/x/go.mod", ""));
        assertEquals(List.of(BUILD, "main", "main.go"), plan.compileCommand());
    }
}
