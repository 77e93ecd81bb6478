package dev.jsandbox.languages.python;

import dev.jsandbox.testkit.LanguageRuntimeContract;

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
}
