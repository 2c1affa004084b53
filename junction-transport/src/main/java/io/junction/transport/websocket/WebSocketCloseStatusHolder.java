package io.junction.transport.websocket;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.AttributeKey;

/**
 * The close code the connection will be closed with. Handlers that detect a transport-level
 * violation record it here; the close frame is sent later, when the WAMP layer has had its say
 * (ABORT) and closes the connection. The first recorded status wins.
 */
final class WebSocketCloseStatusHolder {

    private static final AttributeKey<WebSocketCloseStatus> KEY =
            AttributeKey.valueOf(WebSocketCloseStatusHolder.class, "closeStatus");

    private WebSocketCloseStatusHolder() {
    }

    static void record(Channel channel, WebSocketCloseStatus status) {
        channel.attr(KEY).setIfAbsent(status);
    }

    static WebSocketCloseStatus get(Channel channel) {
        WebSocketCloseStatus status = channel.attr(KEY).get();
        return status == null ? WebSocketCloseStatus.NORMAL_CLOSURE : status;
    }
}
