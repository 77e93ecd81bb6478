package dev.jsandbox.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.util.concurrent.TimeUnit;

/** The handlers of every connection, in the order bytes pass them. */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {

    /** Request line and header limits; browsers and curl stay far below them. */
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16384;

    private final ServerConfig config;
    private final ConnectionLimit connectionLimit;
    private final ApiRouter router;
    private final FailureMapping failures;

    HttpPipeline(ServerConfig config, ApiRouter router, FailureMapping failures) {
        this.config = config;
        this.connectionLimit = new ConnectionLimit(config.maxConnections());
        this.router = router;
        this.failures = failures;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ReceiveDeadline deadline = new ReceiveDeadline(config.idleTimeout());
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("connection-limit", connectionLimit);
        pipeline.addLast("receive-deadline", deadline);
        // A client that does not read its response must not hold the response's memory forever.
        pipeline.addLast("write-timeout", new WriteTimeoutHandler(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADER_BYTES)));
        pipeline.addLast("body-size-limit", new BodySizeLimit(config.maxBodyBytes()));
        pipeline.addLast("api", new ApiRequestHandler(router, failures, deadline));
    }
}
