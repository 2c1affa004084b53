package io.junction.transport.connection;

import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Serialization;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link WampConnection#pauseInput}: nothing more is read until input resumes, then everything arrives in order. */
class PauseInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rs"})
    void pausedInputIsReadOnResume(String scheme) throws Exception {
        try (TestServer server = TestServer.start(b -> b, TestCodec.codecs(), RecordingListener::new)) {
            URI uri = scheme.equals("ws") ? server.ws("/ws") : server.rs();
            WampConnection client = new WampTransportClient(TestCodec.codecs()).connect(uri, Serialization.JSON,
                    ClientTransportOptions.defaults(), RecordingListener::new).get(10, TimeUnit.SECONDS);
            RecordingListener serverSide = server.only();
            serverSide.connection.eventLoop().submit(() -> serverSide.connection.pauseInput(true)).get();

            List<Message> sent = List.of(publish(1), publish(2), publish(3));
            sent.forEach(client::send);
            await().during(300, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                    .until(() -> serverSide.messages.isEmpty());

            serverSide.connection.eventLoop().submit(() -> serverSide.connection.pauseInput(false)).get();
            await().untilAsserted(() -> assertThat(serverSide.messages).isEqualTo(sent));
            client.close();
        }
    }

    private static Message publish(long request) {
        return new Publish(request, Map.of(), "com.example.t", Payload.of(List.of("m" + request)));
    }
}
