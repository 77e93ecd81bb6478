package dev.jsandbox.languages.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.CompiledLanguageContract;
import dev.jsandbox.testkit.DockerSandboxExtension;
import org.junit.jupiter.api.Test;

class CppRuntimeIT extends CompiledLanguageContract {

    @Override
    protected String language() {
        return "cpp";
    }

    @Override
    protected String helloWorld() {
        return "#include <iostream>\n\nint main() {\n    std::cout << \"Hello, World!\" << std::endl;\n}\n";
    }

    @Override
    protected String echoStdin() {
        return "#include <iostream>\n#include <string>\n\nint main() {\n"
                + "    for (std::string line; std::getline(std::cin, line);) std::cout << line << '\\n';\n}\n";
    }

    @Override
    protected String printArgs() {
        return "#include <iostream>\n\nint main(int argc, char **argv) {\n"
                + "    for (int i = 1; i < argc; i++) std::cout << argv[i] << '\\n';\n}\n";
    }

    @Override
    protected String exitWithCode3() {
        return "int main() {\n    return 3;\n}\n";
    }

    @Override
    protected String runtimeError() {
        return "#include <stdexcept>\n\nint main() {\n    throw std::runtime_error(\"boom\");\n}\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "terminate called after throwing an instance of 'std::runtime_error'";
    }

    @Override
    protected String unicode() {
        return "#include <iostream>\n\nint main() {\n    std::cout << \"" + UNICODE_TEXT + "\" << '\\n';\n}\n";
    }

    @Override
    protected String endlessLoop() {
        return "int main() {\n    volatile bool spinning = true;\n    while (spinning) {\n    }\n}\n";
    }

    @Override
    protected String allocate(int mebibytes) {
        return "#include <iostream>\n#include <vector>\n\nint main() {\n"
                + "    std::vector<std::vector<char>> blocks;\n    long total = 0;\n"
                + "    for (int i = 0; i < " + mebibytes + "; i++) {\n"
                + "        blocks.emplace_back(1 << 20, 1);\n        total += blocks.back()[i];\n    }\n"
                + "    std::cout << (total == " + mebibytes + " ? \"done\" : \"lost\") << '\\n';\n}\n";
    }

    @Override
    protected String compileErrorOnLine2() {
        return "int main() {\n    return undeclared;\n}\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("#include <iostream>\n#include \"greeting.hpp\"\n\nint main() {\n"
                        + "    std::cout << greeting() << '\\n';\n}\n",
                SourceFile.of("greeting.hpp", "#pragma once\n#include <string>\n\nstd::string greeting();\n"),
                SourceFile.of("src/greeting.cpp", "#include \"greeting.hpp\"\n\nstd::string greeting() {\n"
                        + "    return \"" + HELPER_TEXT + "\";\n}\n"));
    }

    @Override
    protected String printDataFile() {
        return "#include <fstream>\n#include <iostream>\n\nint main() {\n    std::ifstream in(\"" + DATA_FILE + "\");\n"
                + "    if (!in) return 1;\n    std::cout << in.rdbuf();\n}\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "#include <iostream>\n\nint main() {\n    long long a, b;\n    std::cin >> a >> b;\n"
                + "    std::cout << a + b << '\\n';\n}\n";
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "#include <iostream>\n\nint main() {\n    long long sum = 0, x;\n"
                + "    while (std::cin >> x) sum += x;\n    std::cout << sum << '\\n';\n}\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("c++", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void compilesCpp20() {
        String code = """
                #include <algorithm>
                #include <compare>
                #include <iostream>
                #include <ranges>
                #include <span>
                #include <vector>

                struct Version {
                    int major, minor;
                    auto operator<=>(const Version &) const = default;
                };

                int main() {
                    std::vector<int> numbers{5, 3, 8, 1};
                    std::ranges::sort(numbers);
                    std::span<const int> view(numbers);
                    auto even = view | std::views::filter([](int n) { return n % 2 == 0; });
                    std::cout << view.front() << ' ' << *even.begin() << ' ' << (Version{1, 2} < Version{1, 3}) << '\\n';
                }
                """;
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("1 8 1\n", result.stdout());
    }

    @Test
    void warningsAppearInTheCompileOutputOfASuccessfulBuild() {
        ExecutionResult result = run("int main() {\n    int unused;\n}\n");
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("main.cpp:2:9: warning: unused variable"), () -> describe(result));
    }

    @Test
    void aLinkErrorIsACompileError() {
        ExecutionResult result = run("void missing();\n\nint main() {\n    missing();\n}\n");
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("undefined reference to `missing()'"), () -> describe(result));
    }

    /** The allocation is refused before any memory is used: the program aborts, which is a runtime error. */
    @Test
    void anUncaughtBadAllocIsARuntimeErrorAsTheAbortSays() {
        // The allocation is refused at once (2 TiB cannot be reserved), so the container's memory limit is never met:
        // the program aborts with std::bad_alloc, and only the kernel's facts count - SIGABRT, exit code 134.
        String code = "#include <cstddef>\n#include <iostream>\n\nint main(int argc, char **) {\n"
                + "    std::size_t size = std::size_t{1} << (40 + argc);\n    char *huge = new char[size];\n"
                + "    std::cout << static_cast<void *>(huge) << '\\n';\n}\n";
        ExecutionResult result = run(code);
        if (DockerSandboxExtension.underGvisor() && result.status() == ExecutionStatus.SUCCESS) {
            // gVisor's kernel reserves address space without Linux's overcommit heuristic, so the untouched 2 TiB
            // block may be granted; the program then uses no memory and ends as it says (SECURITY.md, gVisor).
            assertFalse(result.oomKilled(), () -> describe(result));
            return;
        }
        assertEquals(ExecutionStatus.RUNTIME_ERROR, result.status(), () -> describe(result));
        assertEquals(134, result.exitCode(), () -> describe(result));
        assertEquals(6, result.signal(), () -> describe(result));
        assertFalse(result.oomKilled(), () -> describe(result));
        assertTrue(result.stderr().contains("std::bad_alloc"), () -> describe(result));
    }

    @Test
    void compilesCcAndCxxFilesAndFindsHeadersByTheirWorkspacePath() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("cpp",
                        "#include <iostream>\n#include \"include/shapes.hpp\"\n\n"
                                + "int main() {\n    std::cout << area(3) << ' ' << perimeter(3) << '\\n';\n}\n")
                .file("include/shapes.hpp", "#pragma once\nint area(int side);\nint perimeter(int side);\n")
                .file("src/area.cc", "#include \"include/shapes.hpp\"\n\nint area(int side) {\n    return side * side;\n}\n")
                .file("src/perimeter.cxx", "#include \"include/shapes.hpp\"\n\n"
                        + "int perimeter(int side) {\n    return 4 * side;\n}\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("9 12\n", result.stdout());
    }

    @Test
    void compilesBitsStdcWithThePrecompiledHeaderWithinTheLimits() {
        // The image's build proves the header is loaded from its .gch (g++ -H); here the plan's flags must keep
        // matching it: -Winvalid-pch would say otherwise in the compile output.
        ExecutionResult result = run("#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n"
                + "    vector<int> v{3, 1, 2};\n    sort(v.begin(), v.end());\n    cout << v[0] << v[1] << v[2] << '\\n';\n}\n");
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("123\n", result.stdout());
        assertFalse(result.compileOutput().contains("pch"), () -> describe(result));
        assertTrue(result.compilePeakMemoryBytes() != null
                && result.compilePeakMemoryBytes() < sandbox().limits().memoryBytes(), () -> describe(result));
    }

    /**
     * Each file starts with another precompiled header, so one build loads every one of them; -Winvalid-pch would
     * say in the compile output if the plan's flags stopped matching one. (The image's build proves with g++ -H that
     * each is loaded.) Warnings inside the headers stay those of system headers: none appear.
     */
    @Test
    void compilesFilesThatStartWithEachPrecompiledStandardHeader() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("cpp",
                        "#include <iostream>\n\nint words();\nint sorted();\nint numbers();\n\n"
                                + "int main() {\n    std::cout << words() << sorted() << numbers() << '\\n';\n}\n")
                .file("words.cpp", "#include <string>\n\nint words() { return std::string(\"ab\").size(); }\n")
                .file("sorted.cpp", "#include <algorithm>\n\nint sorted() {\n    int a[] = {2, 1};\n"
                        + "    std::sort(a, a + 2);\n    return a[0];\n}\n")
                .file("numbers.cpp", "#include <vector>\n\nint numbers() { return std::vector<int>{1, 2, 3}.size(); }\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("213\n", result.stdout());
        assertEquals("", result.compileOutput(), () -> describe(result));
    }
}
