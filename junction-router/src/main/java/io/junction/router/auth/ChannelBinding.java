package io.junction.router.auth;

import java.util.Optional;

/**
 * The TLS channel binding data of a connection, by type ({@code tls-unique}, {@code tls-exporter},
 * {@code tls-server-end-point}); see {@code WampConnection.channelBinding}.
 */
@FunctionalInterface
public interface ChannelBinding {

    /** No channel binding: a connection without TLS. */
    ChannelBinding NONE = type -> Optional.empty();

    /** The data for {@code type}, or empty if the connection cannot bind to its channel that way. */
    Optional<byte[]> data(String type);
}
