/**
 * WAMP transports on Netty, server and client, behind one contract: a transport handshake
 * (RawSocket handshake or WebSocket upgrade) ends in a {@link io.junction.transport.WampConnection}
 * whose input goes to a {@link io.junction.transport.ConnectionListener}.
 *
 * <ul>
 *   <li>{@code connection}: what every transport shares, the WAMP codec handler and the connection
 *       handler (outbound queue, flow control, input dispatch), the handshake timeout;</li>
 *   <li>{@code rawsocket}: handshake (both sides), framing, PING/PONG;</li>
 *   <li>{@code websocket}: subprotocol negotiation, upgrade (both sides), message and batch framing,
 *       control frames and the closing handshake, the tracking cookie;</li>
 *   <li>{@code server}: {@link io.junction.transport.server.WampServer}, its configuration and the
 *       first-octet sniffing that serves both protocols on one port;</li>
 *   <li>{@code client}: {@link io.junction.transport.client.WampTransportClient};</li>
 *   <li>{@code tls}: TLS in front of either protocol, on both sides, and the TLS channel binding
 *       data of a connection ({@link io.junction.transport.tls.TlsContext}).</li>
 * </ul>
 */
package io.junction.transport;
