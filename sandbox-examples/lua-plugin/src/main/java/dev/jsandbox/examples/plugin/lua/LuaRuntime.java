package dev.jsandbox.examples.plugin.lua;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;

/**
 * Lua 5.4 in {@code jsandbox-examples/lua}: the example of a language added from outside jsandbox.
 *
 * <p>Everything a plugin needs is here: this class, the line naming it in
 * {@code META-INF/services/dev.jsandbox.spi.LanguageRuntime}, and the image's {@code docker/Dockerfile}. The code
 * runs as {@code lua5.4 main.lua ARG...}; the script sees its arguments in {@code arg}. A failed allocation makes
 * Lua report {@code not enough memory}, which counts as exceeding the memory limit.
 */
public final class LuaRuntime implements LanguageRuntime {

    private static final ExecutionPlan PLAN = ExecutionPlan.interpreted("main.lua", List.of("lua5.4", "main.lua"));

    @Override
    public String id() {
        return "lua";
    }

    @Override
    public String image() {
        return "jsandbox-examples/lua:1";
    }

    @Override
    public ExecutionPlan plan(PlanRequest request) {
        return PLAN;
    }

    @Override
    public String displayName() {
        return "Lua";
    }

    @Override
    public String fileExtension() {
        return "lua";
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of("not enough memory");
    }

    @Override
    public String buildCommand() {
        return "docker/build-images.sh base --extra jsandbox-examples/lua:1=sandbox-examples/lua-plugin/docker";
    }
}
