package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arguments of {@code images}; building itself is ImageBuilderIT's (sandbox-tests). */
class ImagesCommandTest {

    @Test
    void buildOptionsBecomeTheBuildersOptions(@TempDir Path temp) throws Exception {
        Path bundle = Files.writeString(temp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        ImagesCommand.Request request = ImagesCommand.Request.parse(List.of("build", "--language", "python",
                "--language", "lua", "--extra", "example/ruby:1=" + temp, "--ca-bundle", bundle.toString(),
                "--root-image", "debian:bookworm", "--debian-mirror", "http://mirror.example/debian", "--force"));
        assertFalse(request.list());
        assertEquals(Set.of("python", "lua"), request.languages());
        assertEquals(Map.of("example/ruby:1", temp), request.extras());
        assertEquals(bundle, request.options().caBundle());
        assertEquals("debian:bookworm", request.options().rootImage());
        assertEquals("http://mirror.example/debian", request.options().debianMirror());
        assertTrue(request.options().force());
    }

    @Test
    void noCaBundleAndListAreUnderstood() {
        assertNull(ImagesCommand.Request.parse(List.of("build", "--no-ca-bundle")).options().caBundle());
        assertTrue(ImagesCommand.Request.parse(List.of("list")).list());
    }

    @Test
    void malformedArgumentsAreRefusedWithTheReason() {
        assertEquals("unknown images command 'remove' (build or list)", assertThrows(IllegalArgumentException.class,
                () -> ImagesCommand.Request.parse(List.of("remove"))).getMessage());
        assertEquals("--language needs a value", assertThrows(IllegalArgumentException.class,
                () -> ImagesCommand.Request.parse(List.of("build", "--language"))).getMessage());
        assertEquals("--extra wants IMAGE=DIRECTORY, got 'example/ruby:1'", assertThrows(
                IllegalArgumentException.class,
                () -> ImagesCommand.Request.parse(List.of("build", "--extra", "example/ruby:1"))).getMessage());
        assertEquals("unknown option '--pull'", assertThrows(IllegalArgumentException.class,
                () -> ImagesCommand.Request.parse(List.of("build", "--pull"))).getMessage());
    }

    @Test
    void badArgumentsExitWithStatus2AndTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ImagesCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(List.of("build",
                "--frobnicate"));
        assertEquals(2, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("images build [options]"));
        assertEquals(0, new ImagesCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(List.of("--help")));
    }
}
