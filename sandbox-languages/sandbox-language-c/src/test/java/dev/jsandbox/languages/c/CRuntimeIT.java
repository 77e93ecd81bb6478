package dev.jsandbox.languages.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.CompiledLanguageContract;
import org.junit.jupiter.api.Test;

class CRuntimeIT extends CompiledLanguageContract {

    @Override
    protected String language() {
        return "c";
    }

    @Override
    protected String helloWorld() {
        return "#include <stdio.h>\n\nint main(void) {\n    printf(\"Hello, World!\\n\");\n    return 0;\n}\n";
    }

    @Override
    protected String echoStdin() {
        return "#include <stdio.h>\n\nint main(void) {\n    char line[4096];\n"
                + "    while (fgets(line, sizeof line, stdin)) fputs(line, stdout);\n    return 0;\n}\n";
    }

    @Override
    protected String printArgs() {
        return "#include <stdio.h>\n\nint main(int argc, char **argv) {\n"
                + "    for (int i = 1; i < argc; i++) puts(argv[i]);\n    return 0;\n}\n";
    }

    @Override
    protected String exitWithCode3() {
        return "int main(void) {\n    return 3;\n}\n";
    }

    @Override
    protected String runtimeError() {
        return "#include <assert.h>\n\nint main(int argc, char **argv) {\n    (void) argv;\n    assert(argc == 2);\n"
                + "    return 0;\n}\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "main.c:5: main: Assertion `argc == 2' failed.";
    }

    @Override
    protected String unicode() {
        return "#include <stdio.h>\n\nint main(void) {\n    puts(\"" + UNICODE_TEXT + "\");\n    return 0;\n}\n";
    }

    @Override
    protected String endlessLoop() {
        return "int main(void) {\n    volatile int spinning = 1;\n    while (spinning) {\n    }\n    return 0;\n}\n";
    }

    @Override
    protected String allocate(int mebibytes) {
        // Reading a byte of every block keeps the optimizer from dropping the allocations.
        return "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n\nint main(void) {\n"
                + "    enum { BLOCKS = " + mebibytes + ", SIZE = 1 << 20 };\n"
                + "    static char *blocks[BLOCKS];\n    long total = 0;\n"
                + "    for (int i = 0; i < BLOCKS; i++) {\n"
                + "        blocks[i] = malloc(SIZE);\n        if (blocks[i] == NULL) return 1;\n"
                + "        memset(blocks[i], 1, SIZE);\n        total += blocks[i][i % SIZE];\n    }\n"
                + "    puts(total == BLOCKS ? \"done\" : \"lost\");\n    return 0;\n}\n";
    }

    @Override
    protected String compileErrorOnLine2() {
        return "int main(void) {\n    return undeclared;\n}\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("#include <stdio.h>\n#include \"lib/greeting.h\"\n\nint main(void) {\n    puts(greeting());\n"
                        + "    return 0;\n}\n",
                SourceFile.of("lib/greeting.h", "#ifndef GREETING_H\n#define GREETING_H\nconst char *greeting(void);\n#endif\n"),
                SourceFile.of("lib/greeting.c", "#include \"greeting.h\"\n\nconst char *greeting(void) {\n"
                        + "    return \"" + HELPER_TEXT + "\";\n}\n"));
    }

    @Override
    protected String printDataFile() {
        return "#include <stdio.h>\n\nint main(void) {\n    FILE *in = fopen(\"" + DATA_FILE + "\", \"rb\");\n"
                + "    if (in == NULL) return 1;\n    int c;\n    while ((c = getc(in)) != EOF) putchar(c);\n    return 0;\n}\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "#include <stdio.h>\n\nint main(void) {\n    long long a, b;\n"
                + "    if (scanf(\"%lld %lld\", &a, &b) != 2) return 1;\n    printf(\"%lld\\n\", a + b);\n    return 0;\n}\n";
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "#include <stdio.h>\n\nint main(void) {\n    long long sum = 0, x;\n"
                + "    while (scanf(\"%lld\", &x) == 1) sum += x;\n    printf(\"%lld\\n\", sum);\n    return 0;\n}\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("c", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void warningsAppearInTheCompileOutputOfASuccessfulBuild() {
        ExecutionResult result = run("int main(void) {\n    int unused;\n    return 0;\n}\n");
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("main.c:2:9: warning: unused variable"), () -> describe(result));
    }

    @Test
    void aLinkErrorIsACompileError() {
        ExecutionResult result = run("void missing(void);\n\nint main(void) {\n    missing();\n    return 0;\n}\n");
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("undefined reference to `missing'"), () -> describe(result));
    }

    @Test
    void linksTheMathLibrary() {
        String code = "#include <math.h>\n#include <stdio.h>\n\nint main(int argc, char **argv) {\n    (void) argv;\n"
                + "    printf(\"%.1f\\n\", sqrt(16.0 * argc));\n    return 0;\n}\n";
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("4.0\n", result.stdout());
    }

    @Test
    void aCompileErrorInAnotherFileNamesThatFile() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("c",
                        "int twice(int x);\n\nint main(void) {\n    return twice(0);\n}\n")
                .file("util.c", "int twice(int x) {\n    return 2 * x\n}\n").build());
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("util.c:2:17: error"), () -> describe(result));
    }
}
