package dev.jsandbox.examples.plugin.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.SourceFile;
import dev.jsandbox.testkit.LanguageRuntimeContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin passes the conformance kit through the shared test sandbox, which finds it the way an application
 * would: through {@link java.util.ServiceLoader}, with nothing registered by hand.
 */
class LuaRuntimeIT extends LanguageRuntimeContract {

    @Override
    protected String language() {
        return "lua";
    }

    @Override
    protected String helloWorld() {
        return "print('Hello, World!')\n";
    }

    @Override
    protected String echoStdin() {
        return "for line in io.lines() do\n  print(line)\nend\n";
    }

    @Override
    protected String printArgs() {
        return "for _, value in ipairs(arg) do\n  print(value)\nend\n";
    }

    @Override
    protected String exitWithCode3() {
        return "os.exit(3)\n";
    }

    @Override
    protected String runtimeError() {
        return "local config = nil\nprint(config.name)\n";
    }

    @Override
    protected String runtimeErrorText() {
        return "main.lua:2: attempt to index a nil value (local 'config')";
    }

    @Override
    protected String unicode() {
        return "print('" + UNICODE_TEXT + "')\n";
    }

    @Override
    protected String endlessLoop() {
        return "while true do end\n";
    }

    @Override
    protected String allocate(int mebibytes) {
        // Long strings are not interned in Lua: each string.rep result is a block of its own.
        return "local blocks = {}\nfor i = 1, " + mebibytes + " do\n"
                + "  blocks[i] = string.rep(string.char(i % 256), 1024 * 1024)\nend\n"
                + "print(#blocks == " + mebibytes + " and 'done' or 'lost')\n";
    }

    @Override
    protected Program severalFiles() {
        return Program.of("local greeting = require('greeting')\nprint(greeting.text())\n",
                SourceFile.of("greeting.lua", "local M = {}\n\nfunction M.text()\n  return '" + HELPER_TEXT + "'\nend\n\nreturn M\n"));
    }

    @Override
    protected String printDataFile() {
        return "local file = assert(io.open('" + DATA_FILE + "', 'rb'))\nio.write(file:read('a'))\nfile:close()\n";
    }

    @Override
    protected String sumOfTwoNumbers() {
        return "local a, b = io.read('n', 'n')\nprint(a + b)\n";
    }

    @Test
    void sumsTheNumbersOnStdin() {
        String code = "local sum = 0\nfor number in io.read('a'):gmatch('%-?%d+') do\n  sum = sum + tonumber(number)\nend\n"
                + "print(sum)\n";
        ExecutionResult result = sandbox().execute(ExecutionRequest.of("lua", code, "1 2 3\n4\n-5 100\n"));
        assertEquals(ExecutionStatus.SUCCESS, result.status(), () -> describe(result));
        assertEquals("105\n", result.stdout());
    }

    @Test
    void isListedWithTheVersionOfItsImage() {
        LanguageInfo lua = sandbox().languages().stream().filter(l -> l.id().equals("lua")).findFirst().orElseThrow();
        assertTrue(lua.version().matches("5\\.4\\.\\d+"), lua::toString);
        assertEquals(new LanguageInfo("lua", "Lua", lua.version(), List.of(), "lua", false, "jsandbox-examples/lua:3", true),
                lua);
    }
}
