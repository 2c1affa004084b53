package io.junction.transport.connection;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The {@code peer} of {@link io.junction.transport.TransportDetails}: {@code tcp4:ip:port} or {@code tcp6:ip:port}. */
public final class PeerAddresses {

    private PeerAddresses() {
    }

    public static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String family = inet.getAddress() instanceof Inet6Address ? "tcp6:" : "tcp4:";
            return family + inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
