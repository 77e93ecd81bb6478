package dev.jsandbox.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One received request, detached from Netty's reference-counted buffers so that it can cross threads.
 *
 * @param path the path without query string, e.g. {@code /api/execute}
 * @param keepAlive whether the client wants the connection kept open after the response
 */
record ApiRequest(HttpMethod method, String path, HttpHeaders headers, byte[] body, boolean keepAlive) {
}
