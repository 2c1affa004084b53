package io.junction.transport.tls;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.KeyLogCallback;
import io.netty.internal.tcnative.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hooks BoringSSL's key log (SSL_CTX_set_keylog_callback, as netty-tcnative exposes it) to learn the
 * secrets that channel binding is derived from: the TLS 1.2 master secret and the TLS 1.3 exporter
 * secret. Neither Netty nor the JDK offer a way to get at the Finished message or the exporter, so
 * this is the one way in. The lines go to the {@link HandshakeCapture} of the connection whose
 * handshake produced them (found by its {@code SSL*}); nothing is logged or kept beyond that.
 *
 * <p>netty-tcnative's callback registration needs its own context handle, which Netty keeps in a
 * protected field; it is read by reflection and checked against Netty's public view of the same
 * context before use. If that does not hold (another Netty version), the hook is not installed and
 * connections simply offer fewer channel binding types.
 */
final class TlsKeyLog {

    private static final Logger log = LoggerFactory.getLogger(TlsKeyLog.class);

    private static final ConcurrentHashMap<Long, HandshakeCapture> CAPTURES = new ConcurrentHashMap<>();
    private static final KeyLogCallback CALLBACK = (ssl, line) -> {
        HandshakeCapture capture = CAPTURES.get(ssl);
        if (capture != null) {
            capture.keyLog(line);
        }
    };

    private TlsKeyLog() {
    }

    /** Hooks the key log of a BoringSSL context; {@code false} if that is not possible. */
    @SuppressWarnings("deprecation") // sslCtxPointer(): Netty's only public view of the native context, to check the handle against
    static boolean install(SslContext context) {
        if (!(context instanceof ReferenceCountedOpenSslContext openSsl)) {
            return false;
        }
        try {
            Field field = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            field.setAccessible(true);
            long handle = field.getLong(openSsl);
            if (handle == 0 || SSLContext.getSslCtx(handle) != openSsl.sslCtxPointer()) {
                log.warn("TLS: cannot hook BoringSSL's key log with this Netty version; "
                        + "tls-unique and tls-exporter channel bindings are not available");
                return false;
            }
            return SSLContext.setKeyLogCallback(handle, CALLBACK);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.warn("TLS: cannot hook BoringSSL's key log ({}); tls-unique and tls-exporter channel bindings "
                    + "are not available", e.toString());
            return false;
        }
    }

    static void register(HandshakeCapture capture) {
        CAPTURES.put(capture.ssl, capture);
    }

    static void unregister(HandshakeCapture capture) {
        CAPTURES.remove(capture.ssl, capture);
    }

    /** Captures registered right now (for tests: they must not outlive their connections). */
    static int registered() {
        return CAPTURES.size();
    }
}
