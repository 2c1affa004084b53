package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.RouterConfig;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.server.WampServer;
import io.junction.transport.server.WampServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.junction.client.RouterIntegrationTest.failure;
import static io.junction.client.RouterIntegrationTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client over real sockets (WebSocket and RawSocket) against a Router behind Junction's server transports. */
class NetworkTransportTest {

    private static Router router;
    private static WampServer server;

    @BeforeAll
    static void startRouter() {
        router = new Router(RouterConfig.defaults(), Codecs::of);
        server = new WampServer(WampServerConfig.builder().host("127.0.0.1").port(0).build(), Codecs::of, router);
        server.start();
    }

    @AfterAll
    static void stopRouter() {
        server.close();
    }

    static Stream<Arguments> transports() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Serialization s : Serialization.values()) {
            all.add(Arguments.of("ws://127.0.0.1:%d/ws", s, false));
            all.add(Arguments.of("rs://127.0.0.1:%d", s, false));
        }
        all.add(Arguments.of("ws://127.0.0.1:%d/ws", Serialization.JSON, true));
        all.add(Arguments.of("ws://127.0.0.1:%d/ws", Serialization.CBOR, true));
        return all.build();
    }

    private static WampClient client(String url, Serialization serialization, boolean batched) {
        return WampClient.builder().url(url.formatted(server.port())).serialization(serialization)
                .transportOptions(ClientTransportOptions.defaults().withBatched(batched)).realm("realm1").build();
    }

    @ParameterizedTest(name = "{0} {1} batched={2}")
    @MethodSource("transports")
    void rpcAndPubSub(String url, Serialization serialization, boolean batched) {
        try (WampClient a = client(url, serialization, batched); WampClient b = client(url, serialization, batched)) {
            Session callee = result(a.connect());
            Session caller = result(b.connect());
            String procedure = "com.example.echo." + serialization.id() + "." + url.charAt(0) + batched;
            result(callee.register(procedure, inv -> CallResult.of(inv.args(), inv.kwargs())));
            byte[] blob = {0, 1, 2, (byte) 255};
            CallResult r = result(caller.call(procedure, List.of(1, "two", blob), Map.of("k", 3.5)));
            assertThat(r.arg(0, Long.class)).isEqualTo(1L);
            assertThat(r.arg(1, String.class)).isEqualTo("two");
            assertThat(r.arg(2, byte[].class)).isEqualTo(blob);
            assertThat(r.kwarg("k", Double.class)).isEqualTo(3.5);

            List<Object> events = new CopyOnWriteArrayList<>();
            String topic = "com.example.topic." + serialization.id() + "." + url.charAt(0) + batched;
            result(callee.subscribe(topic, e -> events.add(e.arg(0))));
            result(caller.publish(topic, new PublishOptions().acknowledge(true), "hello"));
            await().until(() -> events.equals(List.of("hello")));

            assertThat(failure(caller.call("com.example.nowhere")).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
            assertThat(result(caller.leave()).reason()).isEqualTo(WampErrors.CLOSE_GOODBYE_AND_OUT);
        }
    }

    @Test
    void connectionRefusedFailsConnect() {
        WampClient c = WampClient.builder().url("rs://127.0.0.1:1").realm("realm1").build();
        assertThat(failure(c.connect()).error()).isEqualTo(ClientErrors.CONNECT_FAILED);
    }

    @Test
    void badUrlsAndUnavailableSerializationsAreRejectedWhenBuilding() {
        assertThatThrownBy(() -> WampClient.builder().url("http://x/ws").realm("r").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WampClient.builder().url("ws:///ws").realm("r").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WampClient.builder().url("ws://h/ws").connector(l -> null).realm("r").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
