package dev.jsandbox.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transparent proxy from a Unix socket of its own to the Docker Engine's socket, which a test can cut (every
 * connection dropped, new ones refused: the engine is "away" for whoever uses the proxy) and restore. Lets a test
 * take the engine away from one sandbox without touching the real engine, which other tests and builds on the same
 * machine use at the same time.
 */
final class UnixSocketProxy implements AutoCloseable {

    private final Path listenPath;
    private final Path enginePath;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocketChannel server;

    private UnixSocketProxy(Path listenPath, Path enginePath) {
        this.listenPath = listenPath;
        this.enginePath = enginePath;
    }

    /** Starts a proxy listening on a new socket in the temp folder and forwarding to {@code enginePath}. */
    static UnixSocketProxy start(Path enginePath) throws IOException {
        Path dir = Files.createTempDirectory("jsandbox-engine-proxy");
        UnixSocketProxy proxy = new UnixSocketProxy(dir.resolve("docker.sock"), enginePath);
        proxy.restore();
        return proxy;
    }

    /** The {@code DOCKER_HOST} value that reaches the engine through this proxy. */
    String dockerHost() {
        return "unix://" + listenPath;
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Drops every connection and refuses new ones, as an engine that went away. */
    synchronized void cut() throws IOException {
        ServerSocketChannel listening = server;
        server = null;
        if (listening != null) {
            listening.close();
        }
        for (SocketChannel channel : open) {
            closeQuietly(channel);
        }
        open.clear();
    }

    /** Accepts connections again, as an engine that came back. */
    synchronized void restore() throws IOException {
        if (server != null) {
            return;
        }
        Files.deleteIfExists(listenPath);
        ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listening.bind(UnixDomainSocketAddress.of(listenPath));
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "engine-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocketChannel listening) {
        while (listening.isOpen()) {
            SocketChannel client;
            try {
                client = listening.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            try {
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(enginePath));
                open.add(client);
                open.add(engine);
                AtomicInteger directions = new AtomicInteger(2);
                pump(client, engine, directions);
                pump(engine, client, directions);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to, AtomicInteger directions) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            } finally {
                if (directions.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            }
        }, "engine-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            cut();
            Files.deleteIfExists(listenPath);
            Files.deleteIfExists(listenPath.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
