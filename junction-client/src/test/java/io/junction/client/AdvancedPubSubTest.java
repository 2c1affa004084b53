package io.junction.client;

import io.junction.client.testing.InMemoryRouter;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.serialization.Serialization;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.broker.Broker;
import io.junction.router.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's Advanced Profile publish &amp; subscribe options and event details, against a real
 * Router over in-memory connections (every message encoded and decoded).
 */
class AdvancedPubSubTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CONFIG = """
            realms:
              - name: realm1
                pubsub:
                  publisher_disclosure: {roles: {guest: deny}}
                  trustlevels: [{topic: com.example.sensor, match: prefix, authrole: sensor, trustlevel: 2}]
            """;

    private InMemoryRouter router;
    private final List<WampClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WampClient::close);
        router.close();
    }

    private void start(Serialization serialization) {
        router = new InMemoryRouter(ConfigLoader.parse(CONFIG), serialization);
        // authrole as asked in authextra.role, so that tests can join under any role
        router.router().realm("realm1").addAuthMethod(new AuthMethod() {
            @Override
            public String name() {
                return "anonymous";
            }

            @Override
            public Authenticator start(AuthRequest request) {
                AuthOutcome ok = AuthOutcome.accept(new AuthIdentity(request.authid() == null ? "anon" : request.authid(),
                        Dicts.string(request.authextra(), "role", "anonymous"), "anonymous", "test", Map.of()));
                return new Authenticator() {
                    @Override
                    public CompletionStage<AuthOutcome> hello() {
                        return CompletableFuture.completedFuture(ok);
                    }

                    @Override
                    public CompletionStage<AuthOutcome> authenticate(io.junction.core.message.Authenticate a) {
                        throw new IllegalStateException();
                    }
                };
            }
        });
    }

    private Session join(String authid, String authrole) {
        if (router == null) {
            start(Serialization.JSON);
        }
        WampClient client = WampClient.builder().connector(router).realm("realm1").authId(authid)
                .authExtra("role", authrole).build();
        clients.add(client);
        return result(client.connect());
    }

    private Broker broker() {
        return router.router().realm("realm1").broker();
    }

    static <T> T result(CompletableFuture<T> f) {
        return f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static WampException failure(CompletableFuture<?> f) {
        Throwable t = f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((v, e) -> e).join();
        t = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        assertThat(t).isInstanceOf(WampException.class);
        return (WampException) t;
    }

    /** Publishes acknowledged, then a marker to everybody; returns which sessions got the first one. */
    private static Set<Session> receivers(Session publisher, String topic, PublishOptions options,
                                          Map<Session, List<Event>> events) {
        long publication = result(publisher.publish(topic, options.acknowledge(true), "x")).id();
        long marker = result(publisher.publish(topic, new PublishOptions().acknowledge(true), "marker")).id();
        await().until(() -> events.values().stream().allMatch(l -> l.stream().anyMatch(e -> e.publication() == marker)));
        Set<Session> got = new HashSet<>();
        events.forEach((s, l) -> {
            if (l.stream().anyMatch(e -> e.publication() == publication)) {
                got.add(s);
            }
            l.clear();
        });
        return got;
    }

    @Test
    void optionBuildersUseTheSpecsNames() {
        assertThat(new PublishOptions().exclude(1, 2).excludeAuthId("a").excludeAuthRole("r").eligible(3)
                .eligibleAuthId("b").eligibleAuthRole("s").excludeMe(false).discloseMe(true).retain(true).rkey("k")
                .pptScheme("wamp").pptSerializer("cbor").pptCipher("c").pptKeyId("id").toMap())
                .isEqualTo(Map.ofEntries(Map.entry("exclude", List.of(1L, 2L)), Map.entry("exclude_authid", List.of("a")),
                        Map.entry("exclude_authrole", List.of("r")), Map.entry("eligible", List.of(3L)),
                        Map.entry("eligible_authid", List.of("b")), Map.entry("eligible_authrole", List.of("s")),
                        Map.entry("exclude_me", false), Map.entry("disclose_me", true), Map.entry("retain", true),
                        Map.entry("rkey", "k"), Map.entry("ppt_scheme", "wamp"), Map.entry("ppt_serializer", "cbor"),
                        Map.entry("ppt_cipher", "c"), Map.entry("ppt_keyid", "id")));
        assertThat(new SubscribeOptions().match(Match.WILDCARD).getRetained(true).nkey("n").toMap())
                .isEqualTo(Map.of("match", "wildcard", "get_retained", true, "nkey", "n"));
        router = new InMemoryRouter();
    }

    @Test
    void blackAndWhiteListing() {
        Session alice = join("alice", "manager");
        Session bob = join("bob", "staff");
        Session carol = join("carol", "staff");
        Session publisher = join("pub", "backend");
        Map<Session, List<Event>> events = new java.util.LinkedHashMap<>();
        for (Session s : List.of(alice, bob, carol)) {
            List<Event> l = new CopyOnWriteArrayList<>();
            events.put(s, l);
            result(s.subscribe("com.example.customer", l::add));
        }
        String topic = "com.example.customer";
        assertThat(receivers(publisher, topic, new PublishOptions().exclude(bob.sessionId()), events))
                .containsExactlyInAnyOrder(alice, carol);
        assertThat(receivers(publisher, topic, new PublishOptions().eligible(alice.sessionId(), bob.sessionId())
                .excludeAuthId("alice"), events)).containsExactly(bob);
        assertThat(receivers(publisher, topic, new PublishOptions().eligibleAuthRole("staff").excludeAuthRole("manager"),
                events)).containsExactlyInAnyOrder(bob, carol);
        assertThat(receivers(publisher, topic, new PublishOptions().eligibleAuthId("carol", "alice"), events))
                .containsExactlyInAnyOrder(alice, carol);
    }

    @Test
    void publisherIdentificationAndTrustLevelReachTheHandler() {
        Session subscriber = join("sub", "anonymous");
        List<Event> events = new CopyOnWriteArrayList<>();
        result(subscriber.subscribe("com.example.sensor.t1", events::add));
        Session sensor = join("s1", "sensor");
        result(sensor.publish("com.example.sensor.t1", new PublishOptions().discloseMe(true).acknowledge(true), 20.5));
        await().until(() -> events.size() == 1);
        Event e = events.get(0);
        assertThat(e.publisher()).isEqualTo(sensor.sessionId());
        assertThat(e.publisherAuthId()).isEqualTo("s1");
        assertThat(e.publisherAuthRole()).isEqualTo("sensor");
        assertThat(e.trustlevel()).isEqualTo(2);
        assertThat(e.retained()).isFalse();
        assertThat(e.arg(0, Double.class)).isEqualTo(20.5);

        Session guest = join("g", "guest");
        assertThat(failure(guest.publish("com.example.x", new PublishOptions().discloseMe(true).acknowledge(true))).error())
                .isEqualTo(WampErrors.OPTION_DISALLOWED_DISCLOSE_ME);
    }

    @Test
    void patternSubscriptionsSeeTheConcreteTopicOncePerSubscription() {
        Session subscriber = join("sub", "anonymous");
        List<Event> prefix = new CopyOnWriteArrayList<>();
        List<Event> wildcard = new CopyOnWriteArrayList<>();
        result(subscriber.subscribe("com.example", prefix::add, new SubscribeOptions().match(Match.PREFIX)));
        result(subscriber.subscribe("com..room1", wildcard::add, new SubscribeOptions().match(Match.WILDCARD)));
        Session publisher = join("pub", "anonymous");
        long publication = result(publisher.publish("com.example.room1", new PublishOptions().acknowledge(true))).id();
        await().until(() -> prefix.size() == 1 && wildcard.size() == 1);
        for (Event e : List.of(prefix.get(0), wildcard.get(0))) {
            assertThat(e.topic()).isEqualTo("com.example.room1");
            assertThat(e.publication()).isEqualTo(publication);
        }
        assertThat(prefix.get(0).subscription().id()).isNotEqualTo(wildcard.get(0).subscription().id());
    }

    @Test
    void shardedSubscription() {
        Map<Session, List<Event>> events = new java.util.LinkedHashMap<>();
        for (String node : List.of("node1", "node2", "node3")) {
            Session s = join(node, "anonymous");
            List<Event> l = new CopyOnWriteArrayList<>();
            events.put(s, l);
            result(s.subscribe("com.example.sensor.temp", l::add, new SubscribeOptions().nkey(node)));
        }
        Session publisher = join("pub", "anonymous");
        for (int round = 0; round < 2; round++) {
            Set<Session> owners = new HashSet<>();
            for (int k = 0; k < 30; k++) {
                Set<Session> got = receivers(publisher, "com.example.sensor.temp", new PublishOptions().rkey("sn" + k), events);
                assertThat(got).hasSize(1);
                owners.addAll(got);
            }
            assertThat(owners).hasSizeGreaterThan(1);
        }
    }

    @Test
    void retainedEventOnSubscribing() {
        Session publisher = join("pub", "anonymous");
        long publication = result(publisher.publish("com.example.state",
                new PublishOptions().retain(true).acknowledge(true), "on")).id();
        Session subscriber = join("sub", "anonymous");
        List<Event> events = new CopyOnWriteArrayList<>();
        result(subscriber.subscribe("com.example.state", events::add, new SubscribeOptions().getRetained(true)));
        await().until(() -> events.size() == 1);
        assertThat(events.get(0).retained()).isTrue();
        assertThat(events.get(0).publication()).isEqualTo(publication);
        assertThat(events.get(0).arg(0, String.class)).isEqualTo("on");
    }

    @Test
    void revokedSubscriptionBecomesInactive() {
        Session subscriber = join("sub", "anonymous");
        Subscription s = result(subscriber.subscribe("com.example.t", e -> { }));
        assertThat(broker().revoke(s.id(), subscriber.sessionId(), "no longer authorized")).isTrue();
        await().until(() -> !s.isActive());
        assertThat(broker().subscriptions()).isEmpty();
    }

    @Test
    void reservedTopicsAreRefused() {
        Session s = join("a", "anonymous");
        assertThat(failure(s.publish("wamp.session.on_join", new PublishOptions().acknowledge(true))).error())
                .isEqualTo(WampErrors.INVALID_URI);
    }

    @ParameterizedTest
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void payloadPassthru(Serialization serialization) {
        start(serialization);
        Session subscriber = join("sub", "anonymous");
        List<Event> events = new CopyOnWriteArrayList<>();
        result(subscriber.subscribe("com.example.secret", events::add));
        Session publisher = join("pub", "anonymous");
        byte[] ciphertext = {1, 2, 3, (byte) 0xff, 0};
        PublishOptions e2ee = new PublishOptions().pptScheme("wamp").pptSerializer("cbor")
                .pptCipher("xsalsa20poly1305").pptKeyId("key1").acknowledge(true);
        result(publisher.publish("com.example.secret", e2ee, (Object) ciphertext));
        await().until(() -> events.size() == 1);
        Event e = events.get(0);
        assertThat(e.passthruPayload()).isEqualTo(ciphertext);
        assertThat(e.details()).containsEntry("ppt_scheme", "wamp").containsEntry("ppt_serializer", "cbor")
                .containsEntry("ppt_cipher", "xsalsa20poly1305").containsEntry("ppt_keyid", "key1");

        assertThat(publisher.publish("com.example.secret", e2ee, "not bytes")).isCompletedExceptionally();
    }
}
