package io.junction.transport.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Right behind the TLS handler: deals with what goes wrong in TLS, so that the handlers after it
 * only ever see a working channel. A failed handshake (garbage, plaintext on a TLS port, an
 * untrusted or missing client certificate, no common protocol) closes the connection; on the
 * server it is logged at debug level only, since anyone can send garbage to a port; on the client
 * it is passed on as an {@link SSLHandshakeException} saying why, so the connect attempt fails with
 * that reason. A TLS error on an established connection closes it too.
 */
final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "tls-handshake";

    private static final Logger log = LoggerFactory.getLogger(TlsHandshakeHandler.class);

    private final boolean client;
    private final String peer;
    private boolean failed;

    /** @param peer for the client's error messages: host:port of the router */
    TlsHandshakeHandler(boolean client, String peer) {
        this.client = client;
        this.peer = peer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                if (ctx.pipeline().get(TlsHandshakeRecorder.NAME) != null) {
                    ctx.pipeline().remove(TlsHandshakeRecorder.NAME);
                }
                ctx.fireUserEventTriggered(evt);
            } else {
                handshakeFailed(ctx, done.cause());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** The exception's message and, where the engine's is generic ("General OpenSslEngine problem"), the root cause's. */
    private static String reason(Throwable cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != cause && root.getMessage() != null && !reason.contains(root.getMessage())) {
            reason += " (" + root.getMessage() + ")";
        }
        return reason;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable tlsCause = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (!(tlsCause instanceof SSLException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (!failed && !handshakeDone(ctx)) {
            handshakeFailed(ctx, tlsCause);
        } else if (!failed) {
            log.debug("{}: TLS error, closing: {}", ctx.channel(), tlsCause.toString());
            ctx.close();
        }
    }

    private static boolean handshakeDone(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        return ssl != null && ssl.handshakeFuture().isSuccess();
    }

    private void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        TlsContext.forget(ctx.channel());
        String reason = reason(cause);
        if (client) {
            SSLHandshakeException e = new SSLHandshakeException("TLS handshake with " + peer + " failed: " + reason);
            e.initCause(cause);
            ctx.fireExceptionCaught(e);
        } else {
            log.debug("{}: TLS handshake failed: {}", ctx.channel(), reason);
        }
        ctx.close();
    }
}
