package dev.jsandbox.languages.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plans: which files each step names, and the limits it passes on; no Docker needed. */
class TypeScriptRuntimePlanTest {

    private static final Limits LIMITS = Limits.builder().memoryBytes(300L << 20).build();

    private static ExecutionPlan plan(String code, SourceFile... files) {
        return new TypeScriptRuntime().plan(new PlanRequest(code, List.of(files), LIMITS));
    }

    private static final String NODE_TOOLS = "/usr/local/lib/jsandbox/node";
    private static final List<String> TSC = List.of("tsc", "--pretty", "false", "--strict", "--target", "es2022",
            "--lib", "es2022", "--module", "preserve", "--types", "node", "--typeRoots",
            NODE_TOOLS + "/node_modules/@types", "--skipLibCheck", "--singleThreaded", "--sourceMap", "--newLine", "lf");

    private static List<String> tsc(String... files) {
        List<String> command = new java.util.ArrayList<>(TSC);
        command.addAll(List.of(files));
        return command;
    }

    @Test
    void compilesTheMainFileAloneAndRunsItsOutputWithTheContainersMemory() {
        ExecutionPlan plan = plan("console.log(1)");
        assertEquals("main.ts", plan.sourceFileName());
        assertEquals(tsc("main.ts"), plan.compileCommand());
        assertEquals(List.of("node", "--max-old-space-size=300", "--enable-source-maps", NODE_TOOLS + "/run-js.cjs",
                "main.js"), plan.runCommand());
    }

    @Test
    void compilesEveryTypeScriptFileInTheRequestsOrder() {
        ExecutionPlan plan = plan("import { x } from './util'", SourceFile.of("util.ts", ""),
                SourceFile.of("lib/a.mts", ""), SourceFile.of("types.d.ts", ""), SourceFile.of("old.js", ""),
                SourceFile.of("lib/b.cts", ""));
        assertEquals(tsc("main.ts", "util.ts", "lib/a.mts", "types.d.ts", "lib/b.cts"), plan.compileCommand());
    }
}
