package dev.jsandbox.languages.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.CompiledLanguageContract;
import org.junit.jupiter.api.Test;

class TypeScriptRuntimeIT extends CompiledLanguageContract {

    @Override
    protected String language() {
        return "typescript";
    }

    @Override
    protected String helloWorld() {
        return "const greeting: string = 'Hello, World!';\nconsole.log(greeting);\n";
    }

    @Override
    protected String echoStdin() {
        return "import * as readline from 'node:readline';\n"
                + "const rl = readline.createInterface({ input: process.stdin });\n"
                + "rl.on('line', (line: string) => console.log(line));\n";
    }

    @Override
    protected String printArgs() {
        return "const args: string[] = process.argv.slice(2);\nfor (const arg of args) console.log(arg);\n";
    }

    @Override
    protected String exitWithCode3() {
        return "process.exit(3);\n";
    }

    @Override
    protected String runtimeError() {
        return "function fail(): never {\n  throw new RangeError('out of range');\n}\nfail();\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "RangeError: out of range";
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
        return "const blocks: Buffer[] = [];\n"
                + "for (let i = 0; i < " + mebibytes + "; i++) blocks.push(Buffer.alloc(1024 * 1024, 1));\n"
                + "console.log('done');\n";
    }

    @Override
    protected String compileErrorOnLine2() {
        return "const count: number = 1;\nconst label: string = count;\nconsole.log(label);\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("import { greeting } from './greeting';\n\nconsole.log(greeting());\n",
                SourceFile.of("greeting.ts", "export function greeting(): string {\n  return '" + HELPER_TEXT + "';\n}\n"));
    }

    @Override
    protected String printDataFile() {
        return "import { readFileSync } from 'node:fs';\n\nprocess.stdout.write(readFileSync('" + DATA_FILE + "', 'utf8'));\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "import { readFileSync } from 'node:fs';\n\n"
                + "const [a, b]: number[] = readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n";
    }

    @Test
    void aTypeErrorIsACompileErrorWithFileLineAndColumn() {
        ExecutionResult result = run(compileErrorOnLine2());
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().startsWith("main.ts(2,7): error TS2322: Type 'number' is not assignable"),
                () -> describe(result));
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "import { readFileSync } from 'fs';\n"
                + "const numbers: number[] = readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
                + "console.log(numbers.reduce((a, b) => a + b, 0));\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("ts", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void aRuntimeErrorPointsIntoTheTypeScriptSource() {
        ExecutionResult result = run(runtimeError());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains("main.ts:2"), () -> describe(result));
    }

    @Test
    void importingAPackageThatIsNotThereIsACompileError() {
        ExecutionResult result = run("import leftPad from 'left-pad';\nconsole.log(leftPad('x', 3));\n");
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("main.ts(1,21): error TS2307: Cannot find module 'left-pad'"),
                () -> describe(result));
    }

    @Test
    void aTypeErrorInAnotherFileIsReportedWithThatFilesName() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("ts",
                        "import { twice } from './lib/math';\nconsole.log(twice(21));\n")
                .file("lib/math.ts", "export function twice(x: number): number {\n  return 'twice';\n}\n").build());
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("lib/math.ts(2,3): error TS2322"), () -> describe(result));
    }

    @Test
    void aRuntimeErrorInAnotherFilePointsIntoItsTypeScriptSource() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("ts",
                        "import { fail } from './fail';\nfail();\n")
                .file("fail.ts", "export function fail(): never {\n  throw new Error('from fail.ts');\n}\n").build());
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertTrue(result.stderr().contains("fail.ts:2"), () -> describe(result));
    }
}
