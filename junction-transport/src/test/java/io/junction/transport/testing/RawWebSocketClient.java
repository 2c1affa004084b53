package io.junction.transport.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that sends whatever frames a test gives it (also broken ones) and records every
 * frame it receives, independent of Junction's own client.
 */
public final class RawWebSocketClient implements AutoCloseable {

    /** A received frame: {@code text}, {@code binary}, {@code pong} or {@code close} (data = status code). */
    public record Frame(String kind, byte[] data, int closeStatus) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        public String hex() {
            return ByteBufUtil.hexDump(data);
        }
    }

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("raw-ws-client", true), NioIoHandler.newFactory());

    public final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<FullHttpResponse> upgrade = new CompletableFuture<>();
    private volatile Channel channel;

    private RawWebSocketClient() {
    }

    public static RawWebSocketClient connect(int port, String path, String subprotocols, boolean deflate)
            throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + path);
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                subprotocols, true, new DefaultHttpHeaders(), 64 * 1024 * 1024);
        CompletableFuture<RawWebSocketClient> ready = new CompletableFuture<>();
        RawWebSocketClient[] client = {new RawWebSocketClient()};
        client[0].channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16));
                        if (deflate) {
                            ch.pipeline().addLast(new WebSocketClientCompressionHandler(0));
                        }
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<Object>() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                handshaker.handshake(ctx.channel());
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof FullHttpResponse response) {
                                    try {
                                        handshaker.finishHandshake(ctx.channel(), response.retainedDuplicate());
                                        client[0].upgrade.complete(response.retainedDuplicate());
                                        ready.complete(client[0]);
                                    } catch (RuntimeException e) {
                                        ready.completeExceptionally(e);
                                    }
                                } else if (msg instanceof CloseWebSocketFrame close) {
                                    client[0].frames.add(new Frame("close", new byte[0], close.statusCode()));
                                    ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), null));
                                } else if (msg instanceof WebSocketFrame frame) {
                                    String kind = frame instanceof TextWebSocketFrame ? "text"
                                            : frame instanceof BinaryWebSocketFrame ? "binary"
                                            : frame instanceof PongWebSocketFrame ? "pong" : "other";
                                    client[0].frames.add(new Frame(kind, ByteBufUtil.getBytes(frame.content()), -1));
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ready.completeExceptionally(cause);
                                ctx.close();
                            }
                        });
                    }
                }).connect("127.0.0.1", port).sync().channel();
        return ready.get(10, TimeUnit.SECONDS);
    }

    public String subprotocol() {
        return upgrade.join().headers().get("Sec-WebSocket-Protocol");
    }

    public void send(WebSocketFrame frame) {
        ChannelPromise promise = channel.newPromise();
        channel.writeAndFlush(frame, promise).syncUninterruptibly();
    }

    public void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    public Frame next() throws InterruptedException {
        Frame frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame received within 10 s");
        }
        return frame;
    }

    /** Waits for the server to close the TCP connection. */
    public boolean awaitClosed() {
        return channel.closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
