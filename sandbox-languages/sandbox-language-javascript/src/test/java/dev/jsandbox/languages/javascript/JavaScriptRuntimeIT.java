package dev.jsandbox.languages.javascript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
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

    @Override
    protected Program severalFiles() {
        return Program.of("const { greeting } = require('./greeting');\nconsole.log(greeting());\n",
                SourceFile.of("greeting.js", "exports.greeting = () => '" + HELPER_TEXT + "';\n"));
    }

    @Override
    protected String printDataFile() {
        return "process.stdout.write(require('fs').readFileSync('" + DATA_FILE + "', 'utf8'));\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
                + "console.log(a + b);\n";
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

    @Test
    void anEsModuleImportsLocalModulesAsNode22Would() {
        // lib/math.js has ES module syntax, so it loads as a module; './greet' names greet.mjs without extension.
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("js",
                        "import { twice } from './lib/math.js';\nimport { greet } from './greet';\n"
                                + "import helper from './helper.js';\nconsole.log(twice(21), greet(), helper.n);\n")
                .file("lib/math.js", "export const twice = (x) => 2 * x;\n")
                .file("greet.mjs", "export function greet() {\n  return 'hi';\n}\n")
                .file("helper.js", "module.exports = { n: 7 };\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("42 hi 7\n", result.stdout());
    }

    @Test
    void anErrorInALocalModuleNamesThatModule() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("js", "require('./util').fail();\n")
                .file("util.js", "exports.fail = () => {\n  throw new Error('from util');\n};\n").build());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains("/workspace/util.js:2"), () -> describe(result));
    }

    @Test
    void aV8HeapThatOutgrowsTheContainerIsKilledByTheKernel() {
        // Arrays live on V8's own heap (Buffers do not): V8's limit is the container's memory, so the kernel's OOM
        // kill ends the program, not V8's "heap out of memory" abort.
        ExecutionResult result = run("const blocks = [];\nfor (;;) blocks.push(new Array(1 << 17).fill(blocks.length));\n");
        assertEquals(ExecutionStatus.MEMORY_LIMIT_EXCEEDED, result.status(), () -> describe(result));
        assertTrue(result.oomKilled(), () -> describe(result));
        assertFalse(result.stderr().contains("heap out of memory"), () -> describe(result));
    }
}
