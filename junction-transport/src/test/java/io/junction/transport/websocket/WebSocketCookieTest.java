package io.junction.transport.websocket;

import io.junction.core.serialization.Serialization;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.testing.HttpProbe;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The tracking cookie of WebSocket upgrades (for cookie authentication). */
class WebSocketCookieTest {

    private static final WebSocketCookie COOKIE = new WebSocketCookie("junction_auth", Duration.ofHours(2), false, true, "Strict");

    private TestServer server;
    private final WampTransportClient client = new WampTransportClient(TestCodec.codecs());

    @BeforeEach
    void start() {
        server = TestServer.echo(b -> b.webSocketCookie(COOKIE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String upgrade(String cookieHeader) {
        return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: wamp.2.json\r\n"
                + (cookieHeader == null ? "" : "Cookie: " + cookieHeader + "\r\n") + "\r\n";
    }

    private TransportDetails lastDetails() {
        await().until(() -> !server.connections.isEmpty());
        return server.connections.get(server.connections.size() - 1).connection.details();
    }

    @Test
    void aClientWithoutTheCookieGetsOne() throws Exception {
        HttpProbe.Response response = HttpProbe.send(server.port(), upgrade(null));
        assertThat(response.status()).isEqualTo(101);
        String setCookie = response.headers().get("set-cookie");
        assertThat(setCookie).startsWith("junction_auth=").contains("Max-Age=7200").contains("Path=/")
                .contains("HTTPOnly").contains("SameSite=Strict").doesNotContain("Secure");
        String value = setCookie.substring("junction_auth=".length(), setCookie.indexOf(';'));
        assertThat(value).matches("[A-Za-z0-9_-]{43}");
        assertThat(lastDetails().extra()).containsEntry(WebSocketCookie.DETAILS_KEY, WebSocketCookie.id(value));
    }

    @Test
    void aClientWithTheCookieKeepsItAndItIsNotShownToTheWampLayer() throws Exception {
        String value = "A".repeat(43);
        HttpProbe.Response response = HttpProbe.send(server.port(), upgrade("theme=dark; junction_auth=" + value + "; lang=en"));
        assertThat(response.headers()).doesNotContainKey("set-cookie");
        TransportDetails details = lastDetails();
        assertThat(details.extra()).containsEntry(WebSocketCookie.DETAILS_KEY, WebSocketCookie.id(value));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) details.extra().get("http_headers_received");
        assertThat(headers.get("cookie")).isEqualTo("theme=dark; lang=en");
        assertThat(details.toDict().toString()).doesNotContain(value);
    }

    @Test
    void aMalformedOrForgedLookingCookieIsReplaced() throws Exception {
        for (String bad : List.of("short", "A".repeat(44), "A".repeat(42) + "!", "")) {
            HttpProbe.Response response = HttpProbe.send(server.port(), upgrade("junction_auth=" + bad));
            assertThat(response.headers().get("set-cookie")).as(bad).startsWith("junction_auth=");
        }
    }

    @Test
    void withoutACookieConfigNothingIsSetOrRedacted() throws Exception {
        try (TestServer plain = TestServer.echo(b -> b)) {
            HttpProbe.Response response = HttpProbe.send(plain.port(), upgrade("junction_auth=" + "B".repeat(43)));
            assertThat(response.headers()).doesNotContainKey("set-cookie");
            await().until(() -> !plain.connections.isEmpty());
            TransportDetails details = plain.connections.get(0).connection.details();
            assertThat(details.extra()).doesNotContainKey(WebSocketCookie.DETAILS_KEY);
        }
    }

    @Test
    void theClientKeepsCookiesInItsJarAcrossConnections() throws Exception {
        CookieManager jar = new CookieManager();
        ClientTransportOptions options = ClientTransportOptions.defaults().withCookies(jar);
        URI uri = server.ws("/ws");
        WampConnection first = client.connect(uri, Serialization.JSON, options, RecordingListener::new).get(10, TimeUnit.SECONDS);
        String id = (String) lastDetails().extra().get(WebSocketCookie.DETAILS_KEY);
        List<HttpCookie> kept = jar.getCookieStore().getCookies();
        assertThat(kept).hasSize(1);
        assertThat(WebSocketCookie.id(kept.get(0).getValue())).isEqualTo(id);
        first.close();

        client.connect(uri, Serialization.JSON, options, RecordingListener::new).get(10, TimeUnit.SECONDS).close();
        await().until(() -> server.connections.size() == 2);
        assertThat(lastDetails().extra()).containsEntry(WebSocketCookie.DETAILS_KEY, id);
        assertThat(jar.getCookieStore().getCookies()).hasSize(1);
    }

    @Test
    void badSettings() {
        assertThatThrownBy(() -> new WebSocketCookie("bad name", Duration.ofDays(1), true, true, "Strict"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSocketCookie("a", Duration.ZERO, true, true, "Strict"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebSocketCookie("a", Duration.ofDays(1), true, true, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new WebSocketCookie("a", Duration.ofDays(1), true, true, "lax").sameSite()).isEqualTo("Lax");
    }
}
