package io.junction.transport.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A ready TLS setup, server or client side, built once from a {@link TlsServerConfig} or
 * {@link TlsClientConfig} and shared by all connections of a listener or client. Puts the TLS
 * handlers in front of a connection's pipeline:
 * <pre>
 *   [tls-recorder] / tls (Netty's SslHandler) / tls-handshake / ...the WAMP transport's handlers
 * </pre>
 * The recorder is there only when it can serve (BoringSSL, TLS 1.2 enabled) and leaves after the
 * handshake. Handlers after these see decrypted bytes and only a successful handshake.
 */
public final class TlsContext implements AutoCloseable {

    static final String SSL_HANDLER = "tls";

    private final SslContext ssl;
    private final boolean client;
    private final boolean keyLog;
    private final List<String> protocols;

    private TlsContext(SslContext ssl, boolean client, List<String> protocols) {
        this.ssl = ssl;
        this.client = client;
        this.protocols = protocols;
        this.keyLog = TlsKeyLog.install(ssl);
    }

    /**
     * @throws IllegalArgumentException naming the file or setting that is wrong (missing or
     *         unreadable file, not PEM, key not matching, unknown cipher suite, OpenSSL unavailable)
     */
    public static TlsContext forServer(TlsServerConfig config) {
        requireFile("certificate chain", config.certificateChain());
        requireFile("private key", config.privateKey());
        if (config.clientCa() != null) {
            requireFile("client CA", config.clientCa());
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(config.certificateChain().toFile(),
                    config.privateKey().toFile(), config.keyPassword());
            if (config.clientCa() != null) {
                b.trustManager(config.clientCa().toFile());
            }
            b.clientAuth(switch (config.clientAuth()) {
                case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                case REQUIRED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
            });
            return new TlsContext(build(b, config.protocols(), config.cipherSuites(), config.provider()), false,
                    config.protocols());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot set up TLS with certificate chain " + config.certificateChain()
                    + " and private key " + config.privateKey() + ": " + message(e), e);
        }
    }

    /** @throws IllegalArgumentException naming the file or setting that is wrong */
    public static TlsContext forClient(TlsClientConfig config) {
        if (config.trustedCertificates() != null) {
            requireFile("trusted certificates", config.trustedCertificates());
        }
        if (config.certificateChain() != null) {
            requireFile("client certificate chain", config.certificateChain());
            requireFile("client private key", config.privateKey());
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm(config.verifyHostname() ? "HTTPS" : null);
            if (config.trustedCertificates() != null) {
                b.trustManager(config.trustedCertificates().toFile());
            } else if (config.trustStore() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(config.trustStore());
                b.trustManager(tmf);
            }
            if (config.certificateChain() != null) {
                b.keyManager(config.certificateChain().toFile(), config.privateKey().toFile(), config.keyPassword());
            }
            return new TlsContext(build(b, config.protocols(), List.of(), config.provider()), true, config.protocols());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot set up TLS for the client: " + message(e), e);
        }
    }

    private static SslContext build(SslContextBuilder b, List<String> protocols, List<String> cipherSuites,
                                    TlsProvider provider) throws GeneralSecurityException, java.io.IOException {
        b.sslProvider(switch (provider) {
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("the OpenSSL TLS provider (netty-tcnative) is not available "
                            + "on this platform: " + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
        });
        b.protocols(protocols);
        if (!cipherSuites.isEmpty()) {
            b.ciphers(cipherSuites);
        }
        return b.build();
    }

    private static void requireFile(String what, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the " + what + " file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the " + what + " file " + file + " is not readable");
        }
    }

    private static String message(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** The TLS implementation in use: {@code BoringSSL} or {@code JDK}. */
    public String engine() {
        return ssl instanceof ReferenceCountedOpenSslContext ? "BoringSSL" : "JDK";
    }

    /**
     * The channel binding types connections of this context can have: {@code tls-server-end-point}
     * always; with BoringSSL also {@code tls-unique} (on TLS 1.2 connections) and
     * {@code tls-exporter} (on TLS 1.3 connections).
     */
    public Set<String> channelBindingTypes() {
        Set<String> types = new LinkedHashSet<>();
        types.add(ChannelBinding.TLS_SERVER_END_POINT);
        if (keyLog && protocols.contains(TlsProtocols.TLS_1_2)) {
            types.add(ChannelBinding.TLS_UNIQUE);
        }
        if (keyLog && protocols.contains(TlsProtocols.TLS_1_3)) {
            types.add(ChannelBinding.TLS_EXPORTER);
        }
        return types;
    }

    /** Puts the server-side TLS handlers at the end of a new connection's pipeline. */
    public void addServerHandlers(ChannelPipeline pipeline) {
        if (client) {
            throw new IllegalStateException("a client TLS context cannot serve connections");
        }
        add(pipeline, ssl.newHandler(pipeline.channel().alloc()), null);
    }

    /** Puts the client-side TLS handlers at the end of a new connection's pipeline; {@code host} is verified and sent as SNI. */
    public void addClientHandlers(ChannelPipeline pipeline, String host, int port) {
        if (!client) {
            throw new IllegalStateException("a server TLS context cannot open connections");
        }
        add(pipeline, ssl.newHandler(pipeline.channel().alloc(), host, port), host + ":" + port);
    }

    private void add(ChannelPipeline pipeline, SslHandler handler, String peer) {
        Channel channel = pipeline.channel();
        if (keyLog && handler.engine() instanceof ReferenceCountedOpenSslEngine engine) {
            HandshakeCapture capture = new HandshakeCapture(engine.sslPointer());
            TlsKeyLog.register(capture);
            channel.attr(TlsInfo.CAPTURE).set(capture);
            channel.closeFuture().addListener(f -> forget(channel));
            if (protocols.contains(TlsProtocols.TLS_1_2)) {
                pipeline.addLast(TlsHandshakeRecorder.NAME, new TlsHandshakeRecorder(capture, !client));
            } else {
                capture.stopRecording();
            }
        }
        pipeline.addLast(SSL_HANDLER, handler);
        pipeline.addLast(TlsHandshakeHandler.NAME, new TlsHandshakeHandler(client, peer));
    }

    /** Drops what a channel's handshake captured (the channel failed or closed before it was used). */
    static void forget(Channel channel) {
        HandshakeCapture capture = channel.attr(TlsInfo.CAPTURE).getAndSet(null);
        if (capture != null) {
            TlsKeyLog.unregister(capture);
            capture.wipe();
        }
    }

    @Override
    public void close() {
        ReferenceCountUtil.release(ssl);
    }
}
