package dev.jsandbox.examples.plugin.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.ExecutionStatus;
import dev.jsandbox.api.ImageMissingException;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import dev.jsandbox.testkit.RequiresDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an application that embeds the library and this plugin sees on a machine without the plugin's image: the
 * sandbox says which option builds it, and with that option it builds the image from the build context inside the
 * plugin's jar (through the engine's API, no script) and runs code in it. The image is removed by its tag first and
 * restored afterwards whatever happens (the engine keeps its layers meanwhile, so the build may reuse them).
 */
@RequiresDocker
class LuaImageBuiltByTheLibraryIT {

    private static final String IMAGE = new LuaRuntime().image();
    private static final String KEPT = "jsandbox-examples/lua:kept-by-it";

    @Test
    void aMissingImageIsBuiltFromThePluginJarWhenTheApplicationAsks() throws Exception {
        assertEquals(0, docker("tag", IMAGE, KEPT), "the image must be there before the test: test.sh builds it");
        try {
            assertEquals(0, docker("rmi", IMAGE));
            assertTrue(docker("image", "inspect", IMAGE) != 0, IMAGE + " is still there");
            try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new LuaRuntime())
                    .pool(PoolSettings.disabled()).build()) {
                ImageMissingException missing = assertThrows(ImageMissingException.class,
                        () -> sandbox.execute(ExecutionRequest.of("lua", "print(_VERSION)\n")));
                assertTrue(missing.getMessage().contains("buildMissingImages(true)"), missing::getMessage);
            }
            try (DockerSandbox sandbox = DockerSandbox.builder().discoverRuntimes(false).runtime(new LuaRuntime())
                    .pool(PoolSettings.disabled()).buildMissingImages(true).build()) {
                ExecutionResult result = sandbox.execute(ExecutionRequest.of("lua", "print(_VERSION)\n"));
                assertEquals(ExecutionStatus.SUCCESS, result.status(), result::toString);
                assertEquals("Lua 5.4\n", result.stdout());
            }
        } finally {
            if (docker("image", "inspect", IMAGE) != 0) {
                docker("tag", KEPT, IMAGE);
            }
            docker("rmi", KEPT);
        }
    }

    /** Runs the docker command line with fixed arguments (no shell); its exit code. */
    private static int docker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            System.out.println("docker " + String.join(" ", arguments) + " exited " + exit + ": " + output.strip());
        }
        return exit;
    }
}
