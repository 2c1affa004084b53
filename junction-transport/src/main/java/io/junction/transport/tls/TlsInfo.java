package io.junction.transport.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the WAMP layer knows about an established TLS connection: the negotiated protocol and cipher
 * suite, the peer's certificate (mutual TLS) and the channel binding data, computed once when the
 * connection is established.
 */
public final class TlsInfo {

    /** The key of the TLS facts in {@link io.junction.transport.TransportDetails#extra()}. */
    public static final String DETAILS_KEY = "tls";

    static final AttributeKey<HandshakeCapture> CAPTURE = AttributeKey.valueOf(TlsInfo.class, "capture");
    private static final AttributeKey<TlsInfo> INFO = AttributeKey.valueOf(TlsInfo.class, "info");

    private final String protocol;
    private final String cipherSuite;
    private final PeerCertificate peerCertificate;
    private final Map<String, byte[]> channelBindings;

    TlsInfo(String protocol, String cipherSuite, PeerCertificate peerCertificate, Map<String, byte[]> channelBindings) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.peerCertificate = peerCertificate;
        this.channelBindings = Collections.unmodifiableMap(new LinkedHashMap<>(channelBindings));
    }

    /**
     * The TLS facts of a channel whose handshake is complete; {@code null} if the channel is not on
     * TLS. Computed on the first call (which consumes and wipes the handshake's secrets), the same
     * object afterwards. Must run on the channel's event loop.
     */
    public static TlsInfo of(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        TlsInfo info = channel.attr(INFO).get();
        if (info != null) {
            return info;
        }
        SSLSession session = ssl.engine().getSession();
        boolean client = ssl.engine().getUseClientMode();
        X509Certificate peer = first(peerCertificates(session));
        X509Certificate server = client ? peer : first(session.getLocalCertificates());
        Map<String, byte[]> bindings = new LinkedHashMap<>();
        if (server != null) {
            ChannelBinding.serverEndPoint(server).ifPresent(b -> bindings.put(ChannelBinding.TLS_SERVER_END_POINT, b));
        }
        HandshakeCapture capture = channel.attr(CAPTURE).getAndSet(null);
        if (capture != null) {
            TlsKeyLog.unregister(capture);
            bindings.putAll(capture.bindings(session.getProtocol(), session.getCipherSuite()));
        }
        info = new TlsInfo(session.getProtocol(), session.getCipherSuite(),
                !client && peer != null ? PeerCertificate.of(peer) : null, bindings);
        channel.attr(INFO).set(info);
        return info;
    }

    private static Certificate[] peerCertificates(SSLSession session) {
        try {
            return session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static X509Certificate first(Certificate[] chain) {
        return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    }

    /** e.g. {@code TLSv1.3} */
    public String protocol() {
        return protocol;
    }

    /** e.g. {@code TLS_AES_128_GCM_SHA256} */
    public String cipherSuite() {
        return cipherSuite;
    }

    /** On the server side: the client's certificate, if it presented one. */
    public Optional<PeerCertificate> peerCertificate() {
        return Optional.ofNullable(peerCertificate);
    }

    /** The channel binding data of {@code type} (a {@link ChannelBinding} constant), if this connection has it. */
    public Optional<byte[]> channelBinding(String type) {
        byte[] data = channelBindings.get(type);
        return data == null ? Optional.empty() : Optional.of(data.clone());
    }

    public Set<String> channelBindingTypes() {
        return channelBindings.keySet();
    }

    /** The facts as a WAMP dict, for {@code TransportDetails} (no secrets, no binding data). */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", protocol);
        m.put("cipher_suite", cipherSuite);
        m.put("channel_bindings", List.copyOf(channelBindings.keySet()));
        if (peerCertificate != null) {
            m.put(PeerCertificate.DETAILS_KEY, peerCertificate.toDict());
        }
        return m;
    }
}
