package dev.jsandbox.languages.css;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class CssRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new CssRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    @Test
    void checksTheMainSheetAlone() {
        ExecutionPlan plan = plan("a { color: red }");
        assertEquals("style.css", plan.sourceFileName());
        assertEquals(List.of("node", "--max-old-space-size=300", "/usr/local/lib/jsandbox/node/run-css.cjs",
                "style.css"), plan.runCommand());
    }

    @Test
    void checksEverySheetInTheRequestsOrder() {
        ExecutionPlan plan = plan("a { color: red }", SourceFile.of("b.css", ""), SourceFile.of("notes.txt", ""),
                SourceFile.of("themes/a.css", ""));
        assertEquals(List.of("node", "--max-old-space-size=300", "/usr/local/lib/jsandbox/node/run-css.cjs",
                "style.css", "b.css", "themes/a.css"), plan.runCommand());
    }

    @Test
    void theWarmStageServesTheRunStepOfItsPlans() {
        Limits limits = Limits.builder().memoryBytes(300L << 20).build();
        CssRuntime runtime = new CssRuntime();
        WarmStage stage = runtime.warmStage(limits).orElseThrow();
        ExecutionPlan plan = runtime.plan(new PlanRequest("p { color: red }", List.of(), limits));
        List<String> step = plan.runCommand();
        assertEquals(stage.serves(), step.subList(0, stage.serves().size()));
        assertEquals(List.of("style.css"), step.subList(stage.serves().size(), step.size()));
        assertEquals(plan.environment(), stage.environment());
    }
}
