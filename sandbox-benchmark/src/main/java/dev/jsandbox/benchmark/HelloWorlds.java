package dev.jsandbox.benchmark;

import java.util.List;
import java.util.Map;

/** A hello world per language id; languages without one are not benchmarked. */
final class HelloWorlds {

    static final Map<String, String> BY_LANGUAGE = Map.of(
            "python", "print('Hello, World!')\n",
            "javascript", "console.log('Hello, World!');\n",
            "typescript", "const greeting: string = 'Hello, World!';\nconsole.log(greeting);\n",
            "java", "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"Hello, World!\");\n    }\n}\n",
            "c", "#include <stdio.h>\nint main(void) {\n    puts(\"Hello, World!\");\n    return 0;\n}\n",
            "cpp", "#include <iostream>\nint main() {\n    std::cout << \"Hello, World!\" << std::endl;\n}\n",
            "go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"Hello, World!\")\n}\n",
            "html", "<!DOCTYPE html>\n<html lang=\"en\"><head><title>hello</title></head>\n<body><script>console.log('Hello, World!');</script></body></html>\n",
            "css", "body {\n  color: red;\n}\n");

    /**
     * Further rows of the latency table: programs people really write, whose start-up differs from the hello world's
     * (a C++ program that includes every standard header, JavaScript that loads a built-in module).
     */
    static final List<Program> MORE = List.of(
            new Program("cpp <bits/stdc++.h>", "cpp",
                    "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    cout << \"Hello, World!\" << endl;\n}\n"),
            new Program("javascript require('crypto')", "javascript",
                    "const crypto = require('crypto');\nconsole.log(crypto.createHash('sha256').update('Hello').digest('hex'));\n"));

    /** Every program of the latency table, hello worlds first, for the runtimes given. */
    static List<Program> programs(List<String> languages) {
        List<Program> programs = new java.util.ArrayList<>();
        for (String language : languages) {
            programs.add(new Program(language, language, BY_LANGUAGE.get(language)));
            MORE.stream().filter(more -> more.language().equals(language)).forEach(programs::add);
        }
        return programs;
    }

    /** A row of the latency table: its label, the language id and the source. */
    record Program(String label, String language, String code) {
    }

    private HelloWorlds() {
    }
}
