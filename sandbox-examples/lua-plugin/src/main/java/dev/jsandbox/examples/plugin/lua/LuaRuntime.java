package dev.jsandbox.examples.plugin.lua;

import dev.jsandbox.spi.ExecutionPlan;
import dev.jsandbox.spi.ImageRecipe;
import dev.jsandbox.spi.LanguageRuntime;
import dev.jsandbox.spi.PlanRequest;
import java.util.List;
import java.util.Optional;

/**
 * Lua 5.4 in {@code jsandbox-examples/lua}: the example of a language added from outside jsandbox.
 *
 * <p>Everything a plugin needs is here: this class, the line naming it in
 * {@code META-INF/services/dev.jsandbox.spi.LanguageRuntime}, and the image's build context, a resource of this jar
 * ({@code META-INF/jsandbox/images/lua/Dockerfile}) that {@link #imageRecipe()} names, so that the library builds the
 * image itself. The code
 * runs as {@code lua5.4 main.lua ARG...}; the script sees its arguments in {@code arg}. The request's further files
 * are modules {@code require} finds by Lua's default path ({@code ./?.lua}: {@code require('util')} loads
 * {@code util.lua}, {@code require('lib.util')} loads {@code lib/util.lua}) and data files {@code io.open} reads.
 *
 * <p>A program that outgrows the container's memory is killed by the kernel, which the sandbox reports as exceeding
 * the memory limit; Lua's own {@code not enough memory} error (an allocation refused at once) is a runtime error.
 */
public final class LuaRuntime implements LanguageRuntime {

    private static final ExecutionPlan PLAN = ExecutionPlan.interpreted("main.lua", List.of("lua5.4", "main.lua"));

    @Override
    public String id() {
        return "lua";
    }

    @Override
    public String image() {
        return "jsandbox-examples/lua:3";
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
    public Optional<ImageRecipe> imageRecipe() {
        return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/lua"));
    }
}
