package io.junction.transport.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where available (Linux x86_64), NIO elsewhere: event loops and matching channel types. */
public final class IoTransport {

    private IoTransport() {
    }

    public static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    /**
     * @param threads 0 for Netty's default (twice the number of cores)
     */
    public static EventLoopGroup newGroup(boolean preferNative, int threads, String threadNamePrefix, boolean daemon) {
        IoHandlerFactory handler = preferNative && epollAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix, daemon), handler);
    }

    public static Class<? extends ServerChannel> serverChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static boolean isEpoll(EventLoopGroup group) {
        return group instanceof MultiThreadIoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
    }
}
