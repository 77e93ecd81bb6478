package dev.jsandbox.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.api.EngineUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An engine that hangs: a call fails with EngineUnavailableException once the response timeout passed. */
class DockerEngineTimeoutTest {

    @Test
    void anEngineThatAcceptsButNeverAnswersFailsWithinTheResponseTimeout() throws Exception {
        try (SilentServer server = SilentServer.start()) {
            String host = "tcp://127.0.0.1:" + server.port();
            try (DockerEngine engine = DockerEngine.connect(host, Duration.ofMillis(500), SandboxEvents.NONE)) {
                long started = System.nanoTime();
                EngineUnavailableException e = assertThrows(EngineUnavailableException.class, engine::version);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "failed only after " + took);
                assertTrue(e.getMessage().startsWith("cannot read the engine version: the Docker Engine at " + host
                        + " did not answer within 500 ms ("), e.getMessage());
                assertTrue(e.getMessage().endsWith("It is hung or overloaded: check it with `docker info`, restart it"
                        + " (`sudo systemctl restart docker`, or Docker Desktop) or point DOCKER_HOST at an engine"
                        + " that answers."), e.getMessage());
                assertTrue(server.connections() > 0, "the request never reached the silent engine");
            }
        }
    }

    @Test
    void requestsWaitLongEnoughForALoadedEngineButNotForever() {
        assertEquals(Duration.ofSeconds(30), DockerEngine.RESPONSE_TIMEOUT);
    }

    /** Accepts connections on the loopback interface and never sends a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        private SilentServer(ServerSocket socket) {
            this.socket = socket;
        }

        static SilentServer start() throws IOException {
            SilentServer server = new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(server::acceptUntilClosed, "silent-engine");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        private void acceptUntilClosed() {
            try {
                while (true) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : accepted) {
                try {
                    connection.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
