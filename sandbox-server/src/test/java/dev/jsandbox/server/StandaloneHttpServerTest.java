package dev.jsandbox.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsandbox.http.FakeSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the standalone server adds to the routes: limits on the HTTP itself, answered with problem documents. */
class StandaloneHttpServerTest {

    private static StandaloneHttpServer server;

    @BeforeAll
    static void start() {
        server = StandaloneHttpServer.builder().port(0).start(new FakeSandbox());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusesHeadersThatAreTooLong() throws IOException {
        String response = exchange("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 431 "), response);
        assertTrue(response.contains("application/problem+json") && response.contains("\"status\":431"), response);
    }

    @Test
    void refusesWhatIsNotHttp() throws IOException {
        String response = exchange("HELLO THERE\r\n\r\n");
        // HTTP/1.0: the answer to what is not HTTP cannot know the client's version.
        assertTrue(response.matches("(?s)HTTP/1\\.[01] 400 .*\"status\":400.*"), response);
    }

    @Test
    void refusesSettingsOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> StandaloneHttpServer.builder().port(70_000));
        assertThrows(IllegalArgumentException.class, () -> StandaloneHttpServer.builder().maxConnections(0));
        assertThrows(IllegalArgumentException.class,
                () -> StandaloneHttpServer.builder().idleTimeout(Duration.ofMillis(10)));
    }

    /** Sends the bytes at once and reads until the server closes the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
