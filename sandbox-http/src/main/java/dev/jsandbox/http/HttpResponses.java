package dev.jsandbox.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/** Turns {@link ApiResponse}s into Netty responses with the headers every response carries. */
final class HttpResponses {

    /** How long a connection closed after an error keeps draining what the client still sends. */
    private static final long LINGER_MILLIS = 2000;

    private HttpResponses() {
    }

    static FullHttpResponse toNetty(ApiResponse response, boolean keepAlive) {
        FullHttpResponse netty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        HttpHeaders headers = netty.headers();
        if (response.body().length > 0) {
            // No charset parameter: JSON is always UTF-8 and its media types define none (RFC 8259).
            headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        HttpUtil.setContentLength(netty, response.body().length);
        // Answers depend on the moment (health) or on the request (execute): nothing may be cached.
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        headers.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(headers::set);
        HttpUtil.setKeepAlive(netty, keepAlive);
        return netty;
    }

    /** A response after which the server closes the connection. */
    static FullHttpResponse closing(ApiResponse response) {
        return toNetty(response, false);
    }

    /**
     * Closes a connection after its last response without losing that response: closing a socket with unread
     * input makes the kernel reset it, and a reset can destroy the response before the client reads it. So the
     * server first stops sending, then keeps reading (and discarding) briefly before closing.
     */
    static void closeGently(Channel channel) {
        if (channel instanceof SocketChannel socket && socket.isActive()) {
            socket.shutdownOutput().addListener(done ->
                    socket.eventLoop().schedule(() -> socket.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
        } else {
            channel.close();
        }
    }
}
