package io.junction.it.tls;

import io.junction.client.ClientAuthenticator;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.client.auth.TicketAuthenticator;
import io.junction.client.auth.TransportAuthenticator;
import io.junction.core.error.WampErrors;
import io.junction.router.server.RouterServer;
import io.junction.transport.client.ClientTransportOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cookie authentication end to end: Junction's client keeps the router's cookie in a cookie jar;
 * once it authenticated by ticket, the cookie alone admits it. Also with the JDK's own WebSocket
 * client (which keeps cookies through its HttpClient's cookie handler), and what unknown, forged and
 * expired cookies get.
 */
class CookieAuthenticationTest {

    private static RouterServer server;
    private static String url;

    @BeforeAll
    static void start() {
        server = Routers.start("""
                realms:
                  - name: realm1
                    auth:
                      cookie: {max_age: 3s}
                      ticket:
                        principals:
                          alice: {ticket: "alice-secret", role: user}
                transports:
                  - type: websocket
                    port: 1
                    websocket:
                      cookie: {secure: false}
                """);
        url = "ws://localhost:" + server.port(0) + "/ws";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static WampClient client(CookieManager jar, ClientAuthenticator... authenticators) {
        WampClient.Builder b = WampClient.builder().url(url).realm("realm1")
                .transportOptions(ClientTransportOptions.defaults().withCookies(jar));
        for (ClientAuthenticator a : authenticators) {
            b.authenticator(a);
        }
        return b.build();
    }

    private static String abortReason(Throwable failure) {
        assertThat(failure).isInstanceOf(WampException.class);
        return ((WampException) failure).error();
    }

    @Test
    void theCookieOfATicketSessionAdmitsLaterConnections() {
        CookieManager jar = new CookieManager();
        Session first = await(client(jar, TransportAuthenticator.cookie(), new TicketAuthenticator("alice", "alice-secret"))
                .connect());
        assertThat(first.details().authMethod()).isEqualTo("ticket");
        List<HttpCookie> cookies = jar.getCookieStore().getCookies();
        assertThat(cookies).extracting(HttpCookie::getName).containsExactly("junction_auth");
        assertThat(cookies.get(0).isHttpOnly()).isTrue();
        await(first.leave());

        Session second = await(client(jar, TransportAuthenticator.cookie()).connect());
        assertThat(second.details().authId()).isEqualTo("alice");
        assertThat(second.details().authRole()).isEqualTo("user");
        assertThat(second.details().authMethod()).isEqualTo("cookie");
        await(second.leave());

        // another client, without the cookie: cookie alone admits nobody
        assertThat(abortReason(failure(client(new CookieManager(), TransportAuthenticator.cookie()).connect())))
                .isEqualTo(WampErrors.AUTHENTICATION_REQUIRED);
        // asking to be someone else than the cookie's principal: cookie is skipped
        Throwable other = failure(WampClient.builder().url(url).realm("realm1").authId("bob")
                .transportOptions(ClientTransportOptions.defaults().withCookies(jar))
                .authenticator(TransportAuthenticator.cookie()).build().connect());
        assertThat(abortReason(other)).isEqualTo(WampErrors.AUTHENTICATION_REQUIRED);
    }

    @Test
    void aForgedCookieAdmitsNobody() throws Exception {
        CookieManager jar = new CookieManager();
        HttpCookie forged = new HttpCookie("junction_auth", "Q".repeat(43));
        forged.setPath("/");
        forged.setVersion(0);
        jar.getCookieStore().add(new URI("http://localhost:" + server.port(0) + "/ws"), forged);
        assertThat(abortReason(failure(client(jar, TransportAuthenticator.cookie()).connect())))
                .isEqualTo(WampErrors.AUTHENTICATION_REQUIRED);
    }

    @Test
    void anExpiredBindingAdmitsNobody() {
        CookieManager jar = new CookieManager();
        await(await(client(jar, TransportAuthenticator.cookie(), new TicketAuthenticator("alice", "alice-secret"))
                .connect()).leave());
        // the realm keeps a cookie bound for 3 s (auth.cookie.max_age); then it admits nobody
        await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> {
            WampClient c = client(jar, TransportAuthenticator.cookie());
            try {
                c.connect().get(20, TimeUnit.SECONDS);
                return false; // still bound: admitted
            } catch (java.util.concurrent.ExecutionException e) {
                return WampErrors.AUTHENTICATION_REQUIRED.equals(abortReason(e.getCause()));
            } finally {
                c.close();
            }
        });
        // and falls back to the ticket, which binds it again
        Session again = await(client(jar, TransportAuthenticator.cookie(), new TicketAuthenticator("alice", "alice-secret"))
                .connect());
        assertThat(again.details().authMethod()).isEqualTo("ticket");
        await(again.leave());
    }

    /** The JDK's WebSocket client, speaking WAMP JSON by hand, keeps the cookie in its HttpClient's cookie handler. */
    @Test
    void aPlainWebSocketClientWithACookieJar() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String welcome = join(http, "[1,\"realm1\",{\"roles\":{\"caller\":{}},\"authmethods\":[\"cookie\",\"ticket\"],"
                + "\"authid\":\"alice\"}]", "[5,\"alice-secret\",{}]");
        assertThat(welcome).startsWith("[2,").contains("\"authmethod\":\"ticket\"");
        welcome = join(http, "[1,\"realm1\",{\"roles\":{\"caller\":{}},\"authmethods\":[\"cookie\"]}]", null);
        assertThat(welcome).startsWith("[2,").contains("\"authmethod\":\"cookie\"").contains("\"authid\":\"alice\"");
    }

    /**
     * Says HELLO (and AUTHENTICATE after a CHALLENGE); returns the WELCOME or ABORT text. The JDK's
     * WebSocket allows one send in progress at a time, and a CHALLENGE can arrive before the
     * HELLO's send has been reported complete, so AUTHENTICATE waits for that report.
     */
    private static String join(HttpClient http, String hello, String authenticate) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        CompletableFuture<WebSocket> helloSent = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().subprotocols("wamp.2.json")
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String message = text.toString();
                            text.setLength(0);
                            if (message.startsWith("[4,") && authenticate != null) {
                                helloSent.thenCompose(s -> s.sendText(authenticate, true))
                                        .exceptionally(e -> {
                                            result.completeExceptionally(e);
                                            return null;
                                        });
                            } else {
                                result.complete(message);
                            }
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        result.completeExceptionally(error);
                    }
                }).get(20, TimeUnit.SECONDS);
        ws.sendText(hello, true).whenComplete((s, e) -> {
            if (e != null) {
                helloSent.completeExceptionally(e);
                result.completeExceptionally(e);
            } else {
                helloSent.complete(s);
            }
        });
        String answer = result.get(20, TimeUnit.SECONDS);
        ws.abort();
        return answer;
    }
}
