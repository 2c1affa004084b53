package io.junction.transport.client;

import io.junction.transport.connection.IoTransport;
import io.netty.channel.EventLoopGroup;

/** The event loops clients share unless given their own: created on first use, daemon threads. */
final class ClientEventLoops {

    private ClientEventLoops() {
    }

    private static final class Holder {
        static final EventLoopGroup SHARED = IoTransport.newGroup(true, 0, "junction-client", true);
    }

    static EventLoopGroup shared() {
        return Holder.SHARED;
    }
}
