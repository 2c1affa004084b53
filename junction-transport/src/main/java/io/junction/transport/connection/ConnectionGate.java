package io.junction.transport.connection;

import io.netty.channel.Channel;

/** Admits connections up to a limit at the end of the transport handshake. */
@FunctionalInterface
public interface ConnectionGate {

    /** Admits everything. */
    ConnectionGate UNLIMITED = channel -> true;

    /**
     * Takes a slot for the channel, given back when the channel closes.
     *
     * @return {@code false} if the limit is reached
     */
    boolean tryAdmit(Channel channel);
}
