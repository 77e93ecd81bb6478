// A starter program per language, and how the editor highlights it. Loaded before playground.js.
"use strict";
window.JSANDBOX_STARTERS = {
  python: {
    mode: "python",
    code: [
      "import sys",
      "",
      "print(\"Hello from Python\", sys.version.split()[0])",
      "for line in sys.stdin:",
      "    print(\"you typed:\", line.rstrip())",
      "for arg in sys.argv[1:]:",
      "    print(\"argument:\", arg)",
      ""
    ].join("\n")
  },
  javascript: {
    mode: "javascript",
    code: [
      "const input = require(\"fs\").readFileSync(0, \"utf8\");",
      "console.log(\"Hello from JavaScript\", process.version);",
      "for (const line of input.split(\"\\n\").filter(Boolean)) {",
      "  console.log(\"you typed:\", line);",
      "}",
      "process.argv.slice(2).forEach(arg => console.log(\"argument:\", arg));",
      ""
    ].join("\n")
  },
  typescript: {
    mode: "text/typescript",
    code: [
      "function greet(name: string): string {",
      "  return `Hello from ${name}`;",
      "}",
      "",
      "const squares: number[] = [1, 2, 3].map(n => n * n);",
      "console.log(greet(\"TypeScript\"), squares.join(\" \"));",
      ""
    ].join("\n")
  },
  java: {
    mode: "text/x-java",
    code: [
      "import java.util.Scanner;",
      "",
      "public class Main {",
      "    public static void main(String[] args) {",
      "        System.out.println(\"Hello from Java \" + System.getProperty(\"java.version\"));",
      "        Scanner in = new Scanner(System.in);",
      "        while (in.hasNextLine()) {",
      "            System.out.println(\"you typed: \" + in.nextLine());",
      "        }",
      "        for (String arg : args) {",
      "            System.out.println(\"argument: \" + arg);",
      "        }",
      "    }",
      "}",
      ""
    ].join("\n")
  },
  c: {
    mode: "text/x-csrc",
    code: [
      "#include <stdio.h>",
      "",
      "int main(int argc, char **argv) {",
      "    char line[256];",
      "    printf(\"Hello from C\\n\");",
      "    while (fgets(line, sizeof line, stdin)) {",
      "        printf(\"you typed: %s\", line);",
      "    }",
      "    for (int i = 1; i < argc; i++) {",
      "        printf(\"argument: %s\\n\", argv[i]);",
      "    }",
      "    return 0;",
      "}",
      ""
    ].join("\n")
  },
  cpp: {
    mode: "text/x-c++src",
    code: [
      "#include <iostream>",
      "#include <string>",
      "#include <vector>",
      "",
      "int main(int argc, char **argv) {",
      "    std::cout << \"Hello from C++\" << std::endl;",
      "    std::string line;",
      "    while (std::getline(std::cin, line)) {",
      "        std::cout << \"you typed: \" << line << '\\n';",
      "    }",
      "    std::vector<std::string> args(argv + 1, argv + argc);",
      "    for (const auto &arg : args) {",
      "        std::cout << \"argument: \" << arg << '\\n';",
      "    }",
      "}",
      ""
    ].join("\n")
  },
  go: {
    mode: "text/x-go",
    code: [
      "package main",
      "",
      "import (",
      "\t\"bufio\"",
      "\t\"fmt\"",
      "\t\"os\"",
      ")",
      "",
      "func main() {",
      "\tfmt.Println(\"Hello from Go\")",
      "\tscanner := bufio.NewScanner(os.Stdin)",
      "\tfor scanner.Scan() {",
      "\t\tfmt.Println(\"you typed:\", scanner.Text())",
      "\t}",
      "\tfor _, arg := range os.Args[1:] {",
      "\t\tfmt.Println(\"argument:\", arg)",
      "\t}",
      "}",
      ""
    ].join("\n")
  },
  html: {
    mode: "htmlmixed",
    code: [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "  <head>",
      "    <meta charset=\"utf-8\">",
      "    <title>Hello</title>",
      "  </head>",
      "  <body>",
      "    <h1 id=\"title\">Hello from HTML</h1>",
      "    <script>",
      "      const title = document.getElementById(\"title\");",
      "      console.log(title.textContent + \": the script found the heading\");",
      "    </script>",
      "  </body>",
      "</html>",
      ""
    ].join("\n")
  },
  css: {
    mode: "css",
    code: [
      "/* The output is the stylesheet as the validator understood it. */",
      "body {",
      "  margin: 0 auto;",
      "  max-width: 40rem;",
      "}",
      "",
      ".greeting::after {",
      "  content: \"Hello from CSS\";",
      "  color: rebeccapurple;",
      "}",
      ""
    ].join("\n")
  }
};
