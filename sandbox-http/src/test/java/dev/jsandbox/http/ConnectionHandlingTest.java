package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What HttpClient cannot send: pipelined requests and an expectation of 100-continue, written to a raw socket.
 * Responses are only scanned for their status lines and bodies. (Malformed HTTP is the standalone server's:
 * sandbox-server's StandaloneHttpServerTest.)
 */
class ConnectionHandlingTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static final FakeSandbox sandbox = new FakeSandbox();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(sandbox);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        String first = execute("first", "");
        String second = execute("second", "");
        String third = "GET /api/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String responses = exchange(first + second + third);
        assertEquals(List.of(200, 200, 404), statuses(responses), responses);
        assertTrue(responses.indexOf("\"stdout\":\"first\"") < responses.indexOf("\"stdout\":\"second\""), responses);
    }

    /** Java 17's HttpClient waits forever for a 100 that does not come (JDK-8286171), so this is a raw socket. */
    @Test
    void refusesAnOversizedBodyBeforeItIsSentWhenTheClientExpectsContinue() throws IOException {
        String request = "POST /api/execute HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000\r\nExpect: 100-continue\r\n\r\n";
        String response = exchange(request);
        assertEquals(List.of(413), statuses(response), response);
        assertTrue(response.contains("application/problem+json"), response);
    }

    private static String execute(String code, String headers) {
        String body = "{\"code\":\"" + code + "\",\"language\":\"fake\"}";
        return "POST /api/execute HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n" + headers + "\r\n" + body;
    }

    /** Sends the bytes at once and reads until the server closes the connection. */
    private static String exchange(String requests) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Integer> statuses(String responses) {
        List<Integer> statuses = new ArrayList<>();
        Matcher matcher = STATUS_LINE.matcher(responses);
        while (matcher.find()) {
            statuses.add(Integer.parseInt(matcher.group(1)));
        }
        return statuses;
    }
}
