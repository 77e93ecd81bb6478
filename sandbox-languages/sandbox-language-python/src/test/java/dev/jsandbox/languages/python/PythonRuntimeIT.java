package dev.jsandbox.languages.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.LanguageRuntimeContract;
import org.junit.jupiter.api.Test;

class PythonRuntimeIT extends LanguageRuntimeContract {

    @Override
    protected String language() {
        return "python";
    }

    @Override
    protected String helloWorld() {
        return "print('Hello, World!')";
    }

    @Override
    protected String echoStdin() {
        return "import sys\nfor line in sys.stdin:\n    print(line, end='')\n";
    }

    @Override
    protected String printArgs() {
        return "import sys\nfor arg in sys.argv[1:]:\n    print(arg)\n";
    }

    @Override
    protected String exitWithCode3() {
        return "import sys\nsys.exit(3)\n";
    }

    @Override
    protected String runtimeError() {
        return "print(1 / 0)\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "ZeroDivisionError: division by zero";
    }

    @Override
    protected String unicode() {
        return "print('" + UNICODE_TEXT + "')";
    }

    @Override
    protected String endlessLoop() {
        return "while True:\n    pass\n";
    }

    @Override
    protected String allocate(int mebibytes) {
        return "block = bytearray(" + mebibytes + " * 1024 * 1024)\nprint('done')\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("from greeting import greeting\n\nprint(greeting())\n",
                SourceFile.of("greeting.py", "def greeting():\n    return '" + HELPER_TEXT + "'\n"));
    }

    @Override
    protected String printDataFile() {
        return "import sys\n\nwith open('" + DATA_FILE + "', encoding='utf-8') as f:\n    sys.stdout.write(f.read())\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "a, b = map(int, input().split())\nprint(a + b)\n";
    }

    @Test
    void importsPackagesFromFolders() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("python",
                        "from shapes.square import area\nfrom tools import text\n\nprint(area(3), text.shout('hi'))\n")
                .file("shapes/__init__.py", "")
                .file("shapes/square.py", "def area(side):\n    return side * side\n")
                .file("tools/text.py", "def shout(s):\n    return s.upper()\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("9 HI\n", result.stdout());
    }
}
