package dev.jsandbox.languages.javascript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.testkit.LanguageRuntimeContract;
import org.junit.jupiter.api.Test;

class JavaScriptRuntimeIT extends LanguageRuntimeContract {

    @Override
    protected String language() {
        return "javascript";
    }

    @Override
    protected String helloWorld() {
        return "console.log('Hello, World!');\n";
    }

    @Override
    protected String echoStdin() {
        return "const rl = require('readline').createInterface({ input: process.stdin });\n"
                + "rl.on('line', (line) => console.log(line));\n";
    }

    @Override
    protected String printArgs() {
        return "for (const arg of process.argv.slice(2)) console.log(arg);\n";
    }

    @Override
    protected String exitWithCode3() {
        return "process.exit(3);\n";
    }

    @Override
    protected String runtimeError() {
        return "const value = undefinedFunction();\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "ReferenceError: undefinedFunction is not defined";
    }

    @Override
    protected String unicode() {
        return "console.log('" + UNICODE_TEXT + "');\n";
    }

    @Override
    protected String endlessLoop() {
        return "for (;;) {}\n";
    }

    @Override
    protected String allocate(int mebibytes) {
        return "const blocks = [];\n"
                + "for (let i = 0; i < " + mebibytes + "; i++) blocks.push(Buffer.alloc(1024 * 1024, 1));\n"
                + "console.log('done');\n";
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "const input = require('fs').readFileSync(0, 'utf8');\n"
                + "console.log(input.split(/\\s+/).filter(Boolean).map(Number).reduce((a, b) => a + b, 0));\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("js", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void runsEsModuleSyntaxWithTopLevelAwait() {
        String code = "import { readFileSync } from 'node:fs';\n"
                + "const answer = await Promise.resolve(41);\n"
                + "console.log(answer + 1, typeof readFileSync, import.meta.url);\n";
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("42 function file:///workspace/main.mjs\n", result.stdout());
    }

    @Test
    void runsCommonJsAsTheMainModule() {
        String code = "const os = require('os');\nconsole.log(require.main === module, typeof os.cpus, __filename);\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("node", code));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("true function /workspace/main.js\n", result.stdout());
    }
}
