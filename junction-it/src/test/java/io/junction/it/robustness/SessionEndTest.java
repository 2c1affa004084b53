package io.junction.it.robustness;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import io.junction.it.wire.RawSocketPeer;
import io.junction.it.wire.WebSocketPeer;
import io.junction.it.wire.WirePeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How sessions end over real sockets: GOODBYE and an unknown realm. */
class SessionEndTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static Bystanders bystanders;

    @BeforeAll
    static void joinBystanders() {
        bystanders = new Bystanders(router);
    }

    @AfterAll
    static void closeBystanders() {
        bystanders.close();
    }

    @AfterEach
    void bystandersStillWork() {
        bystanders.stillWork();
    }

    private static WirePeer connect(WireTransport transport) {
        return transport.isWebSocket()
                ? WebSocketPeer.connect(router.port(), Serialization.JSON)
                : RawSocketPeer.connect(router.port(), Serialization.MSGPACK);
    }

    @ParameterizedTest
    @EnumSource(value = WireTransport.class, names = {"WEBSOCKET", "RAWSOCKET"})
    void goodbyeIsAnsweredWithGoodbyeAndOut(WireTransport transport) {
        try (WirePeer peer = connect(transport)) {
            peer.join();
            peer.leave();
        }
    }

    @ParameterizedTest
    @EnumSource(value = WireTransport.class, names = {"WEBSOCKET", "RAWSOCKET"})
    void unknownRealmIsAborted(WireTransport transport) {
        try (WirePeer peer = connect(transport)) {
            peer.send(new Hello("it.no.such.realm", Map.of("roles", Map.of("caller", Map.of()))));
            assertThat(peer.expectAbort(WampErrors.NO_SUCH_REALM)).contains("it.no.such.realm");
        }
    }
}
