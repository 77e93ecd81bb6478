package dev.jsandbox.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server of the test's own, on a free loopback port, with a password, append-only persistence and a
 * temporary directory; {@link #restart()} stops it (SIGTERM: it writes its append-only file) and starts it again on
 * the same port and directory. Installed by deploy/ensure-redis.sh; missing, the test is skipped on a developer
 * machine and fails when {@code CI=true}.
 */
public final class TestRedis implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final String password;
    private Process process;

    private TestRedis(Path directory, int port, String password) throws IOException, InterruptedException {
        this.directory = directory;
        this.port = port;
        this.password = password;
        this.process = launch();
    }

    /** Starts a redis-server; skips (or fails on CI) when none is installed. */
    public static TestRedis start() throws IOException, InterruptedException {
        if (!installed()) {
            String message = "redis-server is not installed: run deploy/ensure-redis.sh";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return new TestRedis(Files.createTempDirectory("jsandbox-redis-test"), freePort(),
                HexFormat.of().formatHex(secret));
    }

    private static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
    }

    /** The URI with the password, as the broker's clients take it. */
    public String uri() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    /** Stops the server gracefully (it writes its append-only file) and starts it again on the same files. */
    public void restart() throws IOException, InterruptedException {
        stop();
        process = launch();
    }

    private Process launch() throws IOException, InterruptedException {
        Process started = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", directory.toString(), "--appendonly", "yes",
                "--appendfsync", "always", "--save", "", "--requirepass", password, "--daemonize", "no",
                "--logfile", directory.resolve("redis.log").toString()))
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + started.exitValue() + "; see "
                        + directory.resolve("redis.log"));
            }
            try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                // Still free: not listening yet.
            } catch (IOException listening) {
                return started;
            }
            Thread.sleep(50);
        }
        started.destroyForcibly();
        throw new IllegalStateException("redis-server did not listen on " + port + " within 30 s");
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
