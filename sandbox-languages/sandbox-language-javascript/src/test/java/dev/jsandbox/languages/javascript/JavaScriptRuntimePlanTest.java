package dev.jsandbox.languages.javascript;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class JavaScriptRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new JavaScriptRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    @Test
    void givesV8TheContainersMemoryAndRunsTheMainFile() {
        ExecutionPlan plan = plan("console.log(1)", SourceFile.of("util.js", ""), SourceFile.of("lib/x.mjs", ""));
        assertEquals("main.js", plan.sourceFileName());
        assertEquals(List.of(), plan.compileCommand());
        // Local modules are loaded by the program itself (require, import): only the main file is named.
        assertEquals(List.of("node", "--max-old-space-size=300", JavaScriptRuntime.LAUNCHER, "main.js"),
                plan.runCommand());
    }

    @Test
    void followsTheRequestsMemoryLimit() {
        ExecutionPlan plan = new JavaScriptRuntime().plan(PlanRequest.of("1"));
        assertEquals("--max-old-space-size=" + (Limits.defaults().memoryBytes() >> 20), plan.runCommand().get(1));
    }

    @Test
    void theWarmStageServesTheRunStepOfItsPlans() {
        Limits limits = Limits.builder().memoryBytes(300L << 20).build();
        JavaScriptRuntime runtime = new JavaScriptRuntime();
        WarmStage stage = runtime.warmStage(limits).orElseThrow();
        ExecutionPlan plan = runtime.plan(new PlanRequest("console.log(1)", List.of(), limits));
        List<String> step = plan.runCommand();
        assertEquals(stage.serves(), step.subList(0, stage.serves().size()));
        assertEquals(List.of("main.js"), step.subList(stage.serves().size(), step.size()));
        assertEquals(plan.environment(), stage.environment());
    }
}
