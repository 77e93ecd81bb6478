package dev.jsandbox.languages.html;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class HtmlRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new HtmlRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    @Test
    void runsThePageWithTheContainersMemory() {
        ExecutionPlan plan = plan("<p>", SourceFile.of("app.js", ""), SourceFile.of("style.css", ""));
        assertEquals("index.html", plan.sourceFileName());
        // The page loads its scripts and stylesheets itself, from the workspace: only the page is named.
        assertEquals(List.of("node", "--max-old-space-size=300", "/usr/local/lib/jsandbox/node/run-html.cjs",
                "index.html"), plan.runCommand());
    }

    @Test
    void theWarmStageServesTheRunStepOfItsPlans() {
        Limits limits = Limits.builder().memoryBytes(300L << 20).build();
        HtmlRuntime runtime = new HtmlRuntime();
        WarmStage stage = runtime.warmStage(limits).orElseThrow();
        ExecutionPlan plan = runtime.plan(new PlanRequest("<p>x</p>", List.of(), limits));
        List<String> step = plan.runCommand();
        assertEquals(stage.serves(), step.subList(0, stage.serves().size()));
        assertEquals(List.of("index.html"), step.subList(stage.serves().size(), step.size()));
        assertEquals(plan.environment(), stage.environment());
    }
}
