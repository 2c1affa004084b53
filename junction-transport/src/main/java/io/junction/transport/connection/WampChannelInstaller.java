package io.junction.transport.connection;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.ConnectionListener;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.tls.TlsInfo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finishes a transport handshake on either side: appends the WAMP codec and connection handlers to
 * the pipeline and hands the new connection to whoever listens to its input.
 */
public final class WampChannelInstaller {

    public static final String CODEC = "wamp-codec";
    public static final String CONNECTION = "wamp-connection";

    private static final Logger log = LoggerFactory.getLogger(WampChannelInstaller.class);

    private final Function<Serialization, WampCodec> codecs;
    private final OutboundLimits limits;
    private final Function<WampConnection, ConnectionListener> listeners;

    /**
     * @param limits    outbound limits; the message length is replaced per connection where the
     *                  peer announces its own
     * @param listeners called on the event loop with each new connection
     */
    public WampChannelInstaller(Function<Serialization, WampCodec> codecs, OutboundLimits limits,
                                Function<WampConnection, ConnectionListener> listeners) {
        this.codecs = Objects.requireNonNull(codecs, "codecs");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
    }

    /**
     * Must run on the channel's event loop, before any further input is passed on. On a TLS
     * channel, the details gain {@code is_secure: true} and the TLS facts under {@code tls}, and
     * the connection offers the channel's binding data.
     *
     * @param peerMaxMessageLength the largest message the peer accepts
     * @return the connection, or {@code null} if no listener took it (the channel is then closed)
     */
    public WampConnectionHandler install(Channel channel, Serialization serialization, TransportDetails details,
                                         int peerMaxMessageLength) {
        ChannelPipeline pipeline = channel.pipeline();
        WampCodec codec = codecs.apply(serialization);
        TlsInfo tls = TlsInfo.of(channel);
        if (tls != null) {
            Map<String, Object> extra = new LinkedHashMap<>(details.extra());
            extra.put(TlsInfo.DETAILS_KEY, tls.toDict());
            details = new TransportDetails(details.type(), details.protocol(), details.peer(), true, extra);
        }
        WampConnectionHandler connection = new WampConnectionHandler(channel, codec, details,
                limits.withMaxMessageLength(Math.min(peerMaxMessageLength, limits.maxMessageLength())), tls);
        pipeline.addLast(CODEC, new WampCodecHandler(codec));
        pipeline.addLast(CONNECTION, connection);
        ConnectionListener listener;
        try {
            listener = listeners.apply(connection);
        } catch (RuntimeException e) {
            log.error("{}: connection not accepted", details.peer(), e);
            listener = null;
        }
        if (listener == null) {
            channel.close();
            return null;
        }
        connection.bind(listener);
        return connection;
    }
}
