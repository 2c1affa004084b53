package io.junction.transport.websocket;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.AttributeKey;

/**
 * How the connection will be closed. Handlers that detect a transport-level violation record the
 * close code here; the close frame is sent later, when the WAMP layer has had its say (ABORT) and
 * closes the connection. The first recorded status wins. When the frame decoder itself failed, the
 * peer's closing frame can no longer be read, so there is no point waiting for it.
 */
final class WebSocketCloseStatusHolder {

    private static final AttributeKey<WebSocketCloseStatus> STATUS =
            AttributeKey.valueOf(WebSocketCloseStatusHolder.class, "closeStatus");
    private static final AttributeKey<Boolean> INPUT_UNREADABLE =
            AttributeKey.valueOf(WebSocketCloseStatusHolder.class, "inputUnreadable");

    private WebSocketCloseStatusHolder() {
    }

    static void record(Channel channel, WebSocketCloseStatus status) {
        channel.attr(STATUS).setIfAbsent(status);
    }

    static WebSocketCloseStatus get(Channel channel) {
        WebSocketCloseStatus status = channel.attr(STATUS).get();
        return status == null ? WebSocketCloseStatus.NORMAL_CLOSURE : status;
    }

    /** The frame decoder discards all further input. */
    static void markInputUnreadable(Channel channel) {
        channel.attr(INPUT_UNREADABLE).set(Boolean.TRUE);
    }

    static boolean inputUnreadable(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(INPUT_UNREADABLE).get());
    }
}
