package io.junction.transport.server;

import io.junction.transport.connection.ConnectionGate;
import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts established WAMP connections against the server's maximum. */
final class ConnectionSlots implements ConnectionGate {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    ConnectionSlots(int max) {
        this.max = max;
    }

    @Override
    public boolean tryAdmit(Channel channel) {
        int current;
        do {
            current = used.get();
            if (current >= max) {
                return false;
            }
        } while (!used.compareAndSet(current, current + 1));
        channel.closeFuture().addListener(f -> used.decrementAndGet());
        return true;
    }

    int used() {
        return used.get();
    }
}
