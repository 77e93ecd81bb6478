package dev.jsandbox.docker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files of one Docker build context, read from the class path (a jar or a directory such as
 * {@code target/classes}) or from a directory, held in memory (contexts are a few files of some KiB).
 *
 * <p>Its {@link #hash(String) hash} is the one {@code docker/build-images.sh} computed before the builder moved into
 * Java, so images built by the old script stay up to date: the first 16 hex digits of the SHA-256 of the output of
 * {@code find . -type f | LC_ALL=C sort | xargs sha256sum} in the context, followed by the parent image's id and a
 * newline.
 */
public final class BuildContext {

    /** The file every context receives with the CA bundle the build trusts; see {@code docker/node/Dockerfile}. */
    public static final String CA_BUNDLE_FILE = "build-ca.crt";
    private static final int MAX_TOTAL_BYTES = 64 << 20;
    /** Fixed times and owners make the tar depend on the files alone. */
    private static final long FIXED_MTIME_MILLIS = 946_684_800_000L;

    private final String origin;
    /** Relative path (with {@code /}) to content, in the byte order of {@code LC_ALL=C sort}. */
    private final Map<String, byte[]> files;

    private BuildContext(String origin, Map<String, byte[]> files) {
        this.origin = origin;
        TreeMap<String, byte[]> sorted = new TreeMap<>(BuildContext::compareBytes);
        files.forEach((path, content) -> sorted.put(checkedPath(path), content.clone()));
        if (!sorted.containsKey("Dockerfile")) {
            throw new IllegalStateException("the build context " + origin + " has no Dockerfile");
        }
        this.files = Collections.unmodifiableMap(sorted);
    }

    /** A context of the given files (relative paths with {@code /}); it must contain a {@code Dockerfile}. */
    public static BuildContext of(String origin, Map<String, byte[]> files) {
        return new BuildContext(origin, files);
    }

    /**
     * The context under class path directory {@code resource} (e.g. {@code META-INF/jsandbox/images/python}), found
     * through its {@code Dockerfile} with {@code loader}: in a jar or in a directory of the class path.
     *
     * @throws IllegalStateException if there is no such Dockerfile, or the class path entry is neither a jar nor a
     *     directory
     */
    public static BuildContext fromClassPath(ClassLoader loader, String resource) {
        URL dockerfile = loader.getResource(resource + "/Dockerfile");
        if (dockerfile == null) {
            throw new IllegalStateException("no build context " + resource + " on the class path: " + resource
                    + "/Dockerfile is missing (is the jar that ships it on the class path?)");
        }
        try {
            switch (dockerfile.getProtocol()) {
                case "file":
                    return fromDirectory(Paths.get(dockerfile.toURI()).getParent(), "class path directory " + resource);
                case "jar":
                    return fromJar(dockerfile, resource);
                default:
                    throw new IllegalStateException("cannot list the build context " + resource + " in " + dockerfile
                            + ": only jars and directories on the class path can be read; put the jar that ships it"
                            + " on the plain class path");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable class path location " + dockerfile, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build context " + resource + " from " + dockerfile, e);
        }
    }

    /** The context in {@code directory}: every regular file below it. */
    public static BuildContext fromDirectory(Path directory) {
        try {
            return fromDirectory(directory, directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build context " + directory, e);
        }
    }

    private static BuildContext fromDirectory(Path directory, String origin) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                byte[] content = Files.readAllBytes(file);
                total += content.length;
                checkSize(origin, total);
                files.put(directory.relativize(file).toString().replace('\\', '/'), content);
            }
        }
        return new BuildContext(origin, files);
    }

    private static BuildContext fromJar(URL dockerfile, String resource) throws IOException {
        JarURLConnection connection = (JarURLConnection) dockerfile.openConnection();
        // Not the JVM-wide cached JarFile: closing that one would break the class loader that uses it.
        connection.setUseCaches(false);
        String prefix = resource + "/";
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    byte[] content = in.readAllBytes();
                    total += content.length;
                    checkSize(dockerfile.toString(), total);
                    files.put(entry.getName().substring(prefix.length()), content);
                }
            }
        }
        return new BuildContext("class path " + resource + " in " + connection.getJarFileURL(), files);
    }

    private static void checkSize(String origin, long total) {
        if (total > MAX_TOTAL_BYTES) {
            throw new IllegalStateException("the build context " + origin + " holds more than " + (MAX_TOTAL_BYTES >> 20)
                    + " MiB; a context should hold a Dockerfile and small files, the build downloads the rest");
        }
    }

    private static String checkedPath(String path) {
        Objects.requireNonNull(path, "path");
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative file path in a build context: '" + path + "'");
            }
        }
        if (path.chars().anyMatch(c -> c == '\n' || c == '\\')) {
            throw new IllegalArgumentException("build context file names must not hold a newline or backslash: '"
                    + path.replace("\n", "\\n") + "'");
        }
        return path;
    }

    /** Where the context was read from, for messages. */
    public String origin() {
        return origin;
    }

    /** The relative paths of the files, in hash order. */
    public java.util.Set<String> paths() {
        return files.keySet();
    }

    /**
     * The content hash that labels an image built from this context on {@code parentImageId} (the parent's full id,
     * {@code sha256:...}); equal to what {@code docker/build-images.sh} computed for the same files and parent.
     */
    public String hash(String parentImageId) {
        StringBuilder listing = new StringBuilder();
        files.forEach((path, content) -> listing.append(HexFormat.of().formatHex(sha256(content)))
                .append("  ./").append(path).append('\n'));
        listing.append(parentImageId).append('\n');
        return HexFormat.of().formatHex(sha256(listing.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    /**
     * The context as an uncompressed tar, with {@value #CA_BUNDLE_FILE} holding {@code caBundle} (empty: trust only
     * the image's own certificates) in place of any file of that name. Files whose content starts with {@code #!}
     * are executable (0755), all others 0644; owner root, fixed times.
     */
    public byte[] tar(byte[] caBundle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (!file.getKey().equals(CA_BUNDLE_FILE)) {
                    add(tar, file.getKey(), file.getValue());
                }
            }
            add(tar, CA_BUNDLE_FILE, caBundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build context of " + origin, e);
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String path, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(content.length);
        entry.setMode(executable(content) ? 0100755 : 0100644);
        entry.setModTime(FIXED_MTIME_MILLIS);
        entry.setIds(0, 0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Jars keep no file modes; a script announces itself by its first two bytes, as the kernel reads it. */
    static boolean executable(byte[] content) {
        return content.length >= 2 && content[0] == '#' && content[1] == '!';
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(("./" + a).getBytes(StandardCharsets.UTF_8),
                ("./" + b).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
