package dev.jsandbox.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection whose client does not deliver a whole request in time, counted from connecting or from the
 * previous response. A slow or idle client thus holds a connection for a bounded time (slowloris), while an
 * execution in progress, during which the client rightly sends nothing, is never cut. Runs on the event loop only.
 */
final class ReceiveDeadline extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;
    private @Nullable ChannelHandlerContext context;
    private io.netty.util.concurrent.@Nullable ScheduledFuture<?> timer;

    ReceiveDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    /** The client must now send a whole request within the timeout. */
    void start() {
        stop();
        ChannelHandlerContext ctx = context;
        if (ctx != null && ctx.channel().isActive()) {
            timer = ctx.executor().schedule(() -> ctx.close(), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A whole request arrived: the client owes nothing until the response is out. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
