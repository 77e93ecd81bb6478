package dev.jsandbox.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ImageMissingException;
import java.io.File;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageRecipeTest {

    @Test
    void onBaseHasNoParentAndNoArguments() {
        ImageRecipe recipe = ImageRecipe.onBase("META-INF/jsandbox/images/ruby");
        assertEquals("META-INF/jsandbox/images/ruby", recipe.contextResource());
        assertNull(recipe.parentImage());
        assertEquals(Map.of(), recipe.buildArgs());
    }

    @Test
    void parentAndArgumentsAreAdded() {
        ImageRecipe recipe = ImageRecipe.onBase("images/ruby").withParentImage("example/ruby-base:1")
                .withBuildArg("RUBY_VERSION", "3.3").withBuildArg("RUBY_VERSION", "3.4");
        assertEquals("example/ruby-base:1", recipe.parentImage());
        assertEquals(Map.of("RUBY_VERSION", "3.4"), recipe.buildArgs());
    }

    @Test
    void malformedRecipesAreRefusedWithTheRule() {
        for (String resource : new String[] {"", "/META-INF/x", "META-INF/x/", "META-INF/../x", "META-INF//x", "./x"}) {
            assertThrows(IllegalArgumentException.class, () -> ImageRecipe.onBase(resource), resource);
        }
        IllegalArgumentException parentArg = assertThrows(IllegalArgumentException.class,
                () -> ImageRecipe.onBase("images/ruby").withBuildArg(ImageRecipe.PARENT_BUILD_ARG, "x"));
        assertTrue(parentArg.getMessage().contains("parentImage"), parentArg::getMessage);
        assertThrows(IllegalArgumentException.class, () -> ImageRecipe.onBase("images/ruby").withParentImage(" "));
    }

    @Test
    void aRuntimeWithARecipeIsBuiltByTheServerJarsCommandByDefault() {
        LanguageRuntime ruby = new TestRuntimes.Base() {
            @Override
            public String id() {
                return "ruby";
            }

            @Override
            public Optional<ImageRecipe> imageRecipe() {
                return Optional.of(ImageRecipe.onBase("META-INF/jsandbox/images/ruby"));
            }
        };
        assertEquals("java -cp jsandbox-server.jar" + File.pathSeparator + "<jar of test/ruby:1's runtime>"
                + " dev.jsandbox.server.SandboxServerMain images build --language ruby", ruby.buildCommand());
        assertEquals(Optional.empty(), new TestRuntimes.Alpha().imageRecipe());
    }

    @Test
    void theMissingImageMessageNamesTheCommandAndTheBuildOption() {
        ImageMissingException missing = new ImageMissingException("test/ruby:1", "images build --language ruby",
                "is not present");
        assertEquals("image test/ruby:1 is not present; build it with: images build --language ruby (or let the"
                + " sandbox build missing images at start: DockerSandbox.builder().buildMissingImages(true))",
                missing.getMessage());
    }
}
