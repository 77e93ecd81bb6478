package dev.jsandbox.languages.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class PythonRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new PythonRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    @Test
    void runsTheMainFileWhoseFolderIsOnTheModulePath() {
        // python3 puts the main file's folder first on sys.path, so sibling modules and packages in folders import.
        ExecutionPlan plan = plan("import util", SourceFile.of("util.py", ""), SourceFile.of("pkg/__init__.py", ""));
        assertEquals("main.py", plan.sourceFileName());
        assertEquals(List.of("python3", "-u", "-B", "main.py"), plan.runCommand());
    }
}
