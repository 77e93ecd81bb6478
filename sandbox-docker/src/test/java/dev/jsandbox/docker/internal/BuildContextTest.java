package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    private static final String PARENT = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
    /**
     * What docker/build-images.sh (before this class replaced it) printed for {@link #files()} on {@link #PARENT}:
     * {@code { (find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); echo "$parent_id"; } | sha256sum
     * | cut -c1-16}, run in a directory holding those files. Images the script built stay up to date.
     */
    private static final String SCRIPT_HASH = "77043cb35ee2aa92";

    /** Names that sort differently by bytes than by other rules: upper before lower case, "." before "/". */
    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lib/run", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
        files.put("alpha", "a\n".getBytes(StandardCharsets.UTF_8));
        files.put("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n".getBytes(StandardCharsets.UTF_8));
        files.put("lib.txt", "data\n".getBytes(StandardCharsets.UTF_8));
        files.put("Zeta", "Z\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void hashIsTheOneTheBuildScriptComputed() {
        assertEquals(SCRIPT_HASH, BuildContext.of("test", files()).hash(PARENT));
    }

    @Test
    void hashIsStableAndFollowsTheFilesAndTheParent() {
        String hash = BuildContext.of("test", files()).hash(PARENT);
        assertEquals(hash, BuildContext.of("again", files()).hash(PARENT));

        Map<String, byte[]> changed = files();
        changed.put("alpha", "b\n".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(hash, BuildContext.of("changed", changed).hash(PARENT));

        Map<String, byte[]> added = files();
        added.put("lib/more", new byte[0]);
        assertNotEquals(hash, BuildContext.of("added", added).hash(PARENT));

        Map<String, byte[]> renamed = files();
        renamed.put("beta", renamed.remove("alpha"));
        assertNotEquals(hash, BuildContext.of("renamed", renamed).hash(PARENT));

        assertNotEquals(hash, BuildContext.of("test", files()).hash(PARENT.replace('4', '5')));
    }

    @Test
    void directoryAndJarOnTheClassPathGiveTheSameContext(@TempDir Path temp) throws IOException {
        Path directory = temp.resolve("context");
        Path jar = temp.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/jsandbox/images/test/"));
            for (Map.Entry<String, byte[]> file : files().entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
                out.putNextEntry(new JarEntry("META-INF/jsandbox/images/test/" + file.getKey()));
                out.write(file.getValue());
            }
            // A neighbour whose name starts like the context's must not join it.
            out.putNextEntry(new JarEntry("META-INF/jsandbox/images/testing/Dockerfile"));
            out.write("FROM scratch\n".getBytes(StandardCharsets.UTF_8));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            BuildContext fromJar = BuildContext.fromClassPath(loader, "META-INF/jsandbox/images/test");
            assertEquals(SCRIPT_HASH, fromJar.hash(PARENT));
            assertEquals(List.of("Dockerfile", "Zeta", "alpha", "lib.txt", "lib/run"), List.copyOf(fromJar.paths()));
            assertTrue(fromJar.origin().contains("plugin.jar"), fromJar.origin());
        }
        assertEquals(SCRIPT_HASH, BuildContext.fromDirectory(directory).hash(PARENT));
    }

    @Test
    void theBaseImageContextOnTheClassPathIsTheRepositorysDockerBase() {
        BuildContext packaged = BuildContext.fromClassPath(getClass().getClassLoader(), "META-INF/jsandbox/images/base");
        BuildContext source = BuildContext.fromDirectory(Path.of("..", "docker", "base"));
        assertEquals(source.paths(), packaged.paths());
        assertEquals(source.hash(PARENT), packaged.hash(PARENT));
    }

    @Test
    void tarHoldsTheFilesWithModesByShebangAndTheCaBundle() throws IOException {
        Map<String, byte[]> withOwnBundle = files();
        withOwnBundle.put(BuildContext.CA_BUNDLE_FILE, "stale".getBytes(StandardCharsets.UTF_8));
        byte[] bundle = "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> modes = new LinkedHashMap<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ByteArrayInputStream(BuildContext.of("test", withOwnBundle).tar(bundle)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                modes.put(entry.getName(), entry.getMode() & 0777);
                contents.put(entry.getName(), tar.readAllBytes());
            }
        }
        assertEquals(Map.of("Dockerfile", 0644, "Zeta", 0644, "alpha", 0644, "lib.txt", 0644, "lib/run", 0755,
                BuildContext.CA_BUNDLE_FILE, 0644), modes);
        assertArrayEquals(bundle, contents.get(BuildContext.CA_BUNDLE_FILE));
        assertArrayEquals(files().get("lib/run"), contents.get("lib/run"));
        assertArrayEquals(new byte[0], tarEntry(BuildContext.of("test", files()).tar(new byte[0]),
                BuildContext.CA_BUNDLE_FILE));
    }

    @Test
    void tarDependsOnTheFilesOnly() {
        assertArrayEquals(BuildContext.of("one", files()).tar(new byte[0]),
                BuildContext.of("two", files()).tar(new byte[0]));
    }

    @Test
    void contextWithoutDockerfileOrWithEscapingPathsIsRefused() {
        Map<String, byte[]> noDockerfile = files();
        noDockerfile.remove("Dockerfile");
        assertThrows(IllegalStateException.class, () -> BuildContext.of("test", noDockerfile));
        Map<String, byte[]> escaping = files();
        escaping.put("../outside", new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> BuildContext.of("test", escaping));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> BuildContext.fromClassPath(getClass().getClassLoader(), "META-INF/jsandbox/images/nothing"));
        assertTrue(missing.getMessage().contains("META-INF/jsandbox/images/nothing/Dockerfile"), missing::getMessage);
    }

    private static byte[] tarEntry(byte[] tarBytes, String name) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(tarBytes))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return tar.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(name + " is not in the tar");
    }
}
