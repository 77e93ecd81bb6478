package dev.jsandbox.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Collects a request body up to the byte cap, and answers a larger one with a 413 problem before the excess is
 * buffered: at once from {@code Content-Length} or {@code Expect: 100-continue}, or as soon as a chunked body
 * passes the cap. The connection is then closed (gently, see {@link HttpResponses#closeGently}), since the
 * rest of the body would otherwise have to be read.
 */
final class BodySizeLimit extends HttpObjectAggregator {

    private final int maxBodyBytes;

    BodySizeLimit(int maxBodyBytes) {
        super(maxBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof FullHttpResponse response
                && response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            ReferenceCountUtil.release(answer);
            if (start instanceof HttpRequest request) {
                logTooLarge(request);
            }
            return HttpResponses.closing(tooLarge());
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            logTooLarge(request);
        }
        ctx.writeAndFlush(HttpResponses.closing(tooLarge()))
                .addListener(written -> HttpResponses.closeGently(ctx.channel()));
    }

    private static void logTooLarge(HttpRequest request) {
        AccessLog.log(request.method().name(), new QueryStringDecoder(request.uri()).rawPath(),
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(), null, System.nanoTime());
    }

    private ApiResponse tooLarge() {
        return Problem.response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Problem.Type.HTTP,
                "the request body is larger than this server accepts (" + maxBodyBytes + " bytes)");
    }
}
