package io.junction.transport.websocket;

import io.junction.core.serialization.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubprotocolNegotiationTest {

    private final SubprotocolNegotiation all = new SubprotocolNegotiation(EnumSet.allOf(Serialization.class), true);

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void eachSubprotocolAndItsBatchedVariant(Serialization serialization) {
        assertThat(all.select(List.of(serialization.subprotocol())))
                .isEqualTo(new WampSubprotocol(serialization, false));
        assertThat(all.select(List.of(serialization.batchedSubprotocol())))
                .isEqualTo(new WampSubprotocol(serialization, true));
    }

    @Test
    void theClientsFirstChoiceWins() {
        assertThat(all.select(List.of("wamp.2.cbor.batched,wamp.2.cbor,wamp.2.msgpack.batched,wamp.2.msgpack,"
                + "wamp.2.ubjson.batched,wamp.2.ubjson,wamp.2.json.batched,wamp.2.json")).name())
                .isEqualTo("wamp.2.cbor.batched");
        assertThat(all.select(List.of("wamp.2.msgpack, wamp.2.json")).name()).isEqualTo("wamp.2.msgpack");
        assertThat(all.select(List.of("wamp.2.json", "wamp.2.msgpack")).name()).isEqualTo("wamp.2.json");
    }

    @Test
    void unknownAndEmptyTokensAreSkipped() {
        // Autobahn|Java
        assertThat(all.select(List.of("wamp.2.json,wamp.2.msgpack,wamp.2.cbor,")).name()).isEqualTo("wamp.2.json");
        assertThat(all.select(List.of(",, ,wamp.2.flatbuffers,mqtt,wamp.2.cbor")).name()).isEqualTo("wamp.2.cbor");
    }

    @Test
    void onlyWhatIsEnabled() {
        SubprotocolNegotiation jsonOnly = new SubprotocolNegotiation(EnumSet.of(Serialization.JSON), false);
        assertThat(jsonOnly.select(List.of("wamp.2.json.batched,wamp.2.cbor,wamp.2.json")).name()).isEqualTo("wamp.2.json");
        assertThat(jsonOnly.select(List.of("wamp.2.json.batched,wamp.2.cbor"))).isNull();
        assertThat(jsonOnly.supportedNames()).isEqualTo("wamp.2.json");
    }

    @Test
    void nothingInCommon() {
        assertThat(all.select(List.of())).isNull();
        assertThat(all.select(List.of(""))).isNull();
        assertThat(all.select(List.of("wamp.1.json,wamp.2.JSON"))).isNull();
    }

    @Test
    void parsing() {
        assertThat(WampSubprotocol.parse("wamp.2.ubjson.batched")).isEqualTo(new WampSubprotocol(Serialization.UBJSON, true));
        assertThat(WampSubprotocol.parse("wamp.2.")).isNull();
        assertThat(WampSubprotocol.parse("wamp.2.batched")).isNull();
        assertThat(WampSubprotocol.parse("wamp.2.json.batched.batched")).isNull();
    }
}
