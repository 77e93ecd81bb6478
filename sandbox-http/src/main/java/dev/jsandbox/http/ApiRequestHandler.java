package dev.jsandbox.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The per-connection end of the pipeline: answers requests one at a time and in order, and writes one access log
 * line per request.
 *
 * <p>While a request runs the connection keeps reading, so that a client that hangs up is noticed at once: the
 * request's future is then cancelled, which stops its execution and removes its container. Requests that a client
 * pipelines behind a running one wait here, with reading paused so that they cannot pile up.
 */
final class ApiRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final ApiRouter router;
    private final FailureMapping failures;
    private final ReceiveDeadline deadline;
    private final ArrayDeque<ApiRequest> waiting = new ArrayDeque<>();
    private boolean busy;
    private @Nullable CompletableFuture<ApiResponse> running;

    ApiRequestHandler(ApiRouter router, FailureMapping failures, ReceiveDeadline deadline) {
        this.router = router;
        this.failures = failures;
        this.deadline = deadline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (ctx.channel() instanceof SocketChannel socket && socket.isOutputShutdown()) {
            return; // the connection is closing after an error; what the client still sends is dropped
        }
        deadline.stop();
        DecoderResult decoding = request.decoderResult();
        if (decoding.isFailure()) {
            rejectMalformed(ctx, decoding.cause());
            return;
        }
        waiting.add(new ApiRequest(request.method(), new QueryStringDecoder(request.uri()).rawPath(),
                request.headers().copy(), ByteBufUtil.getBytes(request.content()), HttpUtil.isKeepAlive(request)));
        if (busy) {
            ctx.channel().config().setAutoRead(false);
        }
        startNext(ctx);
    }

    private void startNext(ChannelHandlerContext ctx) {
        if (busy || waiting.isEmpty()) {
            return;
        }
        ApiRequest request = waiting.poll();
        busy = true;
        long started = System.nanoTime();
        CompletableFuture<ApiResponse> response;
        try {
            response = router.route(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        running = response;
        ChannelFutureListener cancelOnClose = closed -> cancel(request, started);
        ctx.channel().closeFuture().addListener(cancelOnClose);
        response.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                return; // the client left; cancel() logged it
            }
            ApiResponse answer = value != null ? value : failures.toResponse(failure);
            ctx.executor().execute(() -> {
                ctx.channel().closeFuture().removeListener(cancelOnClose);
                write(ctx, request, answer, started);
            });
        });
    }

    private void cancel(ApiRequest request, long started) {
        CompletableFuture<ApiResponse> response = running;
        if (response != null && response.cancel(false)) {
            AccessLog.log(request.method().name(), request.path(), AccessLog.CLIENT_CLOSED_REQUEST, null, started);
        }
    }

    private void write(ChannelHandlerContext ctx, ApiRequest request, ApiResponse answer, long started) {
        FullHttpResponse response = HttpResponses.toNetty(answer, request.keepAlive());
        if (CorsPolicy.isPreflight(request.method(), request.headers())) {
            router.cors().addPreflightHeaders(request.headers(), response.headers());
        } else {
            router.cors().addHeaders(request.headers(), response.headers());
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            AccessLog.log(request.method().name(), request.path(), answer.status().code(), answer.language(), started);
            running = null;
            busy = false;
            if (!request.keepAlive() || !written.isSuccess()) {
                ctx.close();
                return;
            }
            if (waiting.isEmpty()) {
                ctx.channel().config().setAutoRead(true);
                deadline.start();
            } else {
                startNext(ctx);
            }
        });
    }

    /** The request line or headers could not be parsed; the connection cannot be trusted to continue. */
    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status = cause instanceof TooLongFrameException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
        String detail = cause instanceof TooLongFrameException
                ? "the request line or headers are longer than this server accepts"
                : "the request is not well-formed HTTP/1.1";
        ApiResponse answer = Problem.response(status, Problem.Type.HTTP, detail);
        AccessLog.log("-", "-", status.code(), null, System.nanoTime());
        ctx.writeAndFlush(HttpResponses.closing(answer)).addListener(written -> HttpResponses.closeGently(ctx.channel()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Almost always a connection reset by the client; nothing to answer on a broken connection.
        ctx.close();
    }
}
