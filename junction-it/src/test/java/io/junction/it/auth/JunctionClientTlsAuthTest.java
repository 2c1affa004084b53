package io.junction.it.auth;

import io.junction.client.ClientAuthenticator;
import io.junction.client.Connector;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.client.auth.CryptosignAuthenticator;
import io.junction.client.auth.ScramAuthenticator;
import io.junction.client.auth.TicketAuthenticator;
import io.junction.client.auth.WampCraAuthenticator;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.it.auth.AuthRouter.Listener;
import io.junction.it.support.Clients;
import io.junction.it.support.WireTransport;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.tls.TlsClientConfig;
import io.junction.transport.tls.TlsContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.auth.AuthRouter.DEVICE_KEY;
import static io.junction.it.auth.AuthRouter.REALM;
import static io.junction.it.auth.AuthRouter.ROUTER_KEY;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_PASSWORD;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_USER;
import static io.junction.it.auth.AuthRouter.SCRAM_PASSWORD;
import static io.junction.it.auth.AuthRouter.SCRAM_USER;
import static io.junction.it.auth.AuthRouter.TICKET;
import static io.junction.it.auth.AuthRouter.TICKET_USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Junction's client over TLS (wss://, rss://) with TLS 1.2 and TLS 1.3: the methods work over the
 * encrypted channel, and SCRAM and cryptosign bind their proofs to it: {@code tls-unique} on TLS
 * 1.2, {@code tls-exporter} on TLS 1.3, and for SCRAM also {@code tls-server-end-point}. A
 * channel binding the connection does not have is refused.
 */
class JunctionClientTlsAuthTest {

    private static final ScramAuthenticator.CostLimits TEST_COSTS = new ScramAuthenticator.CostLimits(4096, 100_000, 512, 1 << 20);
    private static final WampTransportClient TRANSPORTS = new WampTransportClient(Codecs::of);

    @RegisterExtension
    static final AuthRouter router = AuthRouter.withTls();

    private static TlsContext tls;
    private final List<WampClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void trustTheRouter() {
        tls = TlsContext.forClient(TlsClientConfig.defaults().withTrustedCertificates(router.certificate()));
    }

    @AfterAll
    static void closeTls() {
        tls.close();
    }

    @AfterEach
    void close() {
        clients.forEach(WampClient::close);
    }

    static List<Arguments> listeners() {
        List<Arguments> out = new ArrayList<>();
        for (WireTransport t : List.of(WireTransport.WEBSOCKET, WireTransport.RAWSOCKET)) {
            out.add(Arguments.of(t, Listener.TLS12, "tls-unique"));
            out.add(Arguments.of(t, Listener.TLS13, "tls-exporter"));
        }
        return out;
    }

    private CompletableFuture<Session> connect(WireTransport transport, Listener listener, ClientAuthenticator authenticator) {
        URI uri = URI.create(router.url(transport, listener));
        Connector overTls = listeners -> TRANSPORTS.connect(uri, Serialization.CBOR, ClientTransportOptions.defaults(),
                tls, listeners);
        WampClient client = WampClient.builder().connector(overTls).realm(REALM).authenticator(authenticator).build();
        clients.add(client);
        return client.connect();
    }

    private Session join(WireTransport transport, Listener listener, ClientAuthenticator authenticator) {
        Session s = Clients.await(connect(transport, listener, authenticator));
        Clients.await(s.publish("com.example.auth.check", new PublishOptions().acknowledge(true), 1));
        return s;
    }

    @ParameterizedTest(name = "junction {0} over {1} with {2}")
    @MethodSource("listeners")
    void methodsOverTlsAndBoundToTheChannel(WireTransport transport, Listener listener, String binding) {
        assertThat(join(transport, listener, new TicketAuthenticator(TICKET_USER, TICKET)).details().authRole()).isEqualTo("user");
        assertThat(join(transport, listener, new WampCraAuthenticator(SALTED_CRA_USER, SALTED_CRA_PASSWORD))
                .details().authRole()).isEqualTo("admin");
        for (String scramBinding : List.of(binding, "tls-server-end-point")) {
            Session s = join(transport, listener, new ScramAuthenticator(SCRAM_USER, SCRAM_PASSWORD)
                    .channelBinding(scramBinding).costLimits(TEST_COSTS));
            assertThat(s.details().authMethod()).as(scramBinding).isEqualTo("wamp-scram");
        }
        Session device = join(transport, listener, new CryptosignAuthenticator(DEVICE_KEY).channelBinding(binding)
                .trustedRouterKeys(List.of(ROUTER_KEY.publicKey())));
        assertThat(device.details().authId()).isEqualTo("device");
    }

    @ParameterizedTest(name = "junction {0} over {1}: a binding it does not have")
    @MethodSource("listeners")
    void aBindingTheChannelDoesNotHaveIsRefused(WireTransport transport, Listener listener, String binding) {
        String other = binding.equals("tls-unique") ? "tls-exporter" : "tls-unique";
        Throwable t = Clients.failure(connect(transport, listener, new CryptosignAuthenticator(DEVICE_KEY).channelBinding(other)));
        assertThat(((WampException) t).error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }
}
