package dev.jsandbox.languages.java;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import dev.jsandbox.spi.WarmStage;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class JavaRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new JavaRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    private static final String TOOLS = "/usr/local/lib/jsandbox/java";

    @Test
    void compilesTheMainFileAlone() {
        ExecutionPlan plan = plan("public class Solution { public static void main(String[] a) {} }");
        assertEquals("Solution.java", plan.sourceFileName());
        assertEquals(List.of("java", "@" + TOOLS + "/javac.args", "Solution.java"), plan.compileCommand());
        assertEquals(List.of("java", "@" + TOOLS + "/run.args", "-cp", ".", "Solution"), plan.runCommand());
    }

    @Test
    void compilesEveryJavaFileAndRunsTheMainFilesClass() {
        ExecutionPlan plan = plan("package app; import com.example.Util; public class App { public static void main(String[] a) {} }",
                SourceFile.of("com/example/Util.java", ""), SourceFile.of("Helper.java", ""),
                SourceFile.of("data.txt", ""));
        assertEquals("App.java", plan.sourceFileName());
        assertEquals(List.of("java", "@" + TOOLS + "/javac.args", "App.java", "com/example/Util.java", "Helper.java"),
                plan.compileCommand());
        assertEquals(List.of("java", "@" + TOOLS + "/run.args", "-cp", ".", "app.App"), plan.runCommand());
    }

    @Test
    void aFileNamedLikeTheMainFileIsNotNamedTwice() {
        ExecutionPlan plan = plan("class Main { public static void main(String[] a) {} }",
                SourceFile.of("Main.java", ""), SourceFile.of("Util.java", ""));
        assertEquals(List.of("java", "@" + TOOLS + "/javac.args", "Main.java", "Util.java"), plan.compileCommand());
    }

    @Test
    void theWarmStageServesTheCompileStepOfItsPlans() {
        Limits limits = Limits.builder().memoryBytes(300L << 20).build();
        JavaRuntime runtime = new JavaRuntime();
        WarmStage stage = runtime.warmStage(limits).orElseThrow();
        ExecutionPlan plan = runtime.plan(new PlanRequest("class Main { public static void main(String[] a) {} }", List.of(), limits));
        List<String> step = plan.compileCommand();
        assertEquals(stage.serves(), step.subList(0, stage.serves().size()));
        assertEquals(List.of("Main.java"), step.subList(stage.serves().size(), step.size()));
        assertEquals(plan.environment(), stage.environment());
    }
}
