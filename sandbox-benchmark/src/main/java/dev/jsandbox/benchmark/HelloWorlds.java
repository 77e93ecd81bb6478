package dev.jsandbox.benchmark;

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

    private HelloWorlds() {
    }
}
