package io.junction.transport.connection;

import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.transport.EncodedMessage;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.testing.OpaqueCodec;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ConnectionListener.onClose} is called exactly once, on both sides, however a connection ends. */
class CloseOnceTest {

    private static TestServer server;
    private final WampTransportClient client = new WampTransportClient(TestCodec.codecs());

    @BeforeAll
    static void start() {
        // a GOODBYE makes the server close
        server = TestServer.start(b -> b.closeTimeout(Duration.ofSeconds(2)), TestCodec.codecs(),
                c -> new RecordingListener(c, (connection, m) -> {
                    if (m instanceof Goodbye) {
                        connection.close();
                    } else {
                        connection.send(m);
                    }
                }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Pair(RecordingListener client, RecordingListener server) {
    }

    private Pair connect(String transport, String id) throws Exception {
        URI uri = transport.equals("ws") ? server.ws("/ws") : server.rs();
        RecordingListener[] clientSide = new RecordingListener[1];
        WampConnection connection = client.connect(uri, Serialization.JSON, ClientTransportOptions.defaults(),
                c -> clientSide[0] = new RecordingListener(c)).get(10, TimeUnit.SECONDS);
        connection.send(new Hello(id, Map.of()));
        RecordingListener serverSide = await().until(() -> server.connections.stream()
                .filter(l -> l.messages.contains(new Hello(id, Map.of()))).findFirst().orElse(null), l -> l != null);
        return new Pair(clientSide[0], serverSide);
    }

    private static void assertClosedOnce(RecordingListener... listeners) {
        await().untilAsserted(() -> {
            for (RecordingListener l : listeners) {
                assertThat(l.closes).hasValue(1);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (RecordingListener l : listeners) {
                assertThat(l.closes).hasValue(1);
                assertThat(l.offLoopCalls).hasValue(0);
                assertThat(l.connection.isOpen()).isFalse();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rs"})
    void clientCloses(String transport) throws Exception {
        Pair p = connect(transport, "client-closes-" + transport);
        p.client.connection.close();
        p.client.connection.close();
        assertClosedOnce(p.client, p.server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rs"})
    void serverCloses(String transport) throws Exception {
        Pair p = connect(transport, "server-closes-" + transport);
        p.client.connection.send(new Goodbye(Map.of(), "wamp.close.normal"));
        assertClosedOnce(p.client, p.server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rs"})
    void bothCloseAtOnceFromManyThreads(String transport) throws Exception {
        Pair p = connect(transport, "both-close-" + transport);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            WampConnection target = i % 2 == 0 ? p.client.connection : p.server.connection;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                target.close();
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertClosedOnce(p.client, p.server);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void peerVanishes(boolean reset) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.getOutputStream().write(new byte[] {0x7F, (byte) 0xF1, 0, 0});
        assertThat(new DataInputStream(socket.getInputStream()).readInt()).isEqualTo(0x7FF10000);
        String id = "vanishes-" + reset;
        byte[] hello = ("1|" + id).getBytes();
        socket.getOutputStream().write(new byte[] {0, 0, 0, (byte) hello.length});
        socket.getOutputStream().write(hello);
        RecordingListener serverSide = await().until(() -> server.connections.stream()
                .filter(l -> l.messages.contains(new Hello(id, Map.of()))).findFirst().orElse(null), l -> l != null);
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
        assertClosedOnce(serverSide);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rs"})
    void protocolViolation(String transport) throws Exception {
        Pair p = connect(transport, "violation-" + transport);
        // bytes the server's codec refuses: the server aborts and closes
        EncodedMessage garbage = EncodedMessage.encode(new OpaqueCodec(Serialization.JSON),
                new Hello("garbage", Map.of()), ByteBufAllocator.DEFAULT);
        assertThat(p.client.connection.send(garbage)).isTrue();
        garbage.release();
        assertClosedOnce(p.client, p.server);
        assertThat(p.server.violations).hasSize(1);
        assertThat(p.client.messages).last().isInstanceOf(io.junction.core.message.Abort.class);
    }
}
