package dev.jsandbox.languages.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.CompiledLanguageContract;
import org.junit.jupiter.api.Test;

class GoRuntimeIT extends CompiledLanguageContract {

    @Override
    protected String language() {
        return "go";
    }

    @Override
    protected String helloWorld() {
        return "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"Hello, World!\")\n}\n";
    }

    @Override
    protected String echoStdin() {
        return "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n"
                + "\tscanner := bufio.NewScanner(os.Stdin)\n\tfor scanner.Scan() {\n\t\tfmt.Println(scanner.Text())\n\t}\n}\n";
    }

    @Override
    protected String printArgs() {
        return "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n"
                + "\tfor _, arg := range os.Args[1:] {\n\t\tfmt.Println(arg)\n\t}\n}\n";
    }

    @Override
    protected String exitWithCode3() {
        return "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.Exit(3)\n}\n";
    }

    @Override
    protected String runtimeError() {
        return "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n"
                + "\tvar values []int\n\tfmt.Println(values[len(os.Args)+4])\n}\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "panic: runtime error: index out of range [5] with length 0";
    }

    @Override
    protected String unicode() {
        return "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"" + UNICODE_TEXT + "\")\n}\n";
    }

    @Override
    protected String endlessLoop() {
        return "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
    }

    @Override
    protected String allocate(int mebibytes) {
        // The blocks are read after the loop: Go's collector frees what the program provably never reads again.
        return "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tblocks := make([][]byte, " + mebibytes + ")\n"
                + "\tfor i := range blocks {\n\t\tblock := make([]byte, 1<<20)\n"
                + "\t\tfor j := range block {\n\t\t\tblock[j] = 1\n\t\t}\n\t\tblocks[i] = block\n\t}\n"
                + "\ttotal := 0\n\tfor _, block := range blocks {\n\t\ttotal += int(block[len(block)-1])\n\t}\n"
                + "\tif total == len(blocks) {\n\t\tfmt.Println(\"done\")\n\t}\n}\n";
    }

    @Override
    protected String compileErrorOnLine2() {
        return "package main\nfunc main() { fmt.Println(\"no import\") }\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(greeting())\n}\n",
                SourceFile.of("greeting.go", "package main\n\nfunc greeting() string {\n\treturn \"" + HELPER_TEXT + "\"\n}\n"));
    }

    @Override
    protected String printDataFile() {
        return "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n"
                + "\tdata, err := os.ReadFile(\"" + DATA_FILE + "\")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n"
                + "\tfmt.Print(string(data))\n}\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n"
                + "\tfmt.Println(a + b)\n}\n";
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tsum, x := int64(0), int64(0)\n"
                + "\tfor {\n\t\tif _, err := fmt.Scan(&x); err != nil {\n\t\t\tbreak\n\t\t}\n\t\tsum += x\n\t}\n"
                + "\tfmt.Println(sum)\n}\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("golang", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void importingAModuleIsACompileErrorThatSaysWhy() {
        String code = "package main\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/google/uuid\"\n)\n\n"
                + "func main() {\n\tfmt.Println(uuid.New())\n}\n";
        ExecutionResult result = run(code);
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("main.go:6:2: cannot find module providing package github.com/google/uuid"),
                () -> describe(result));
        assertTrue(result.compileOutput().contains("only the Go standard library is available"), () -> describe(result));
    }

    @Test
    void aPackageOtherThanMainIsACompileErrorThatSaysWhy() {
        ExecutionResult result = run("package library\n\nfunc main() {}\n");
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("must declare 'package main'"), () -> describe(result));
    }

    /**
     * Files the quick path leaves to {@code go build} (a name with an underscore, a build constraint) build as
     * before. Named files are compiled whatever their constraints say, as {@code go build} does with named files.
     */
    @Test
    void filesTheQuickPathLeavesToGoBuildStillBuild() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("go",
                        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(system(), answer())\n}\n")
                .file("system_name.go", "package main\n\nfunc system() string {\n\treturn \"linux\"\n}\n")
                .file("answer.go", "//go:build linux\n\npackage main\n\nfunc answer() int {\n\treturn 42\n}\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("linux 42\n", result.stdout());
    }

    /** What {@code go build} gives a program about itself, whichever way it was built. */
    @Test
    void theBuildInformationIsGoBuilds() {
        ExecutionResult result = run("package main\n\nimport (\n\t\"fmt\"\n\t\"runtime/debug\"\n)\n\n"
                + "func main() {\n\tinfo, ok := debug.ReadBuildInfo()\n"
                + "\tfmt.Println(ok, info.Path, info.Main.Path)\n\tfor _, s := range info.Settings {\n"
                + "\t\tfmt.Println(s.Key + \"=\" + s.Value)\n\t}\n}\n");
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertTrue(result.stdout().startsWith("true command-line-arguments \n-buildmode=exe\n-compiler=gc\n"
                + "CGO_ENABLED=0\nGOARCH="), () -> describe(result));
        assertTrue(result.stdout().contains("\nGOOS=linux\n"), () -> describe(result));
    }

    @Test
    void buildsAModuleWhosePackagesAreInFolders() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("go",
                        "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example/greet\"\n)\n\n"
                                + "func main() {\n\tfmt.Println(greet.Hello(), answer())\n}\n")
                .file("go.mod", "module example\n\ngo 1.23\n")
                .file("answer.go", "package main\n\nfunc answer() int {\n\treturn 42\n}\n")
                .file("greet/greet.go", "package greet\n\nfunc Hello() string {\n\treturn \"hi\"\n}\n")
                .build());
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("hi 42\n", result.stdout());
    }

    @Test
    void filesInFoldersWithoutAGoModAreACompileErrorThatSaysWhatToDo() {
        ExecutionResult result = sandbox().execute(ExecutionRequest.builder("go", helloWorld())
                .file("greet/greet.go", "package greet\n").build());
        assertEquals(ExecutionStatus.COMPILE_ERROR, result.status(), () -> describe(result));
        assertTrue(result.compileOutput().contains("named files must all be in one directory"), () -> describe(result));
        assertTrue(result.compileOutput().contains("add a go.mod"), () -> describe(result));
    }
}
