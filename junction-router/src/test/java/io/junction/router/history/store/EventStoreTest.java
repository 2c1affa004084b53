package io.junction.router.history.store;

import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.history.store.StoredEvent.Audience;
import io.junction.router.history.store.StoredEvent.Publisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What every {@link EventStore} does, for the SQLite and the in-memory store alike. */
class EventStoreTest {

    enum Kind { SQLITE, MEMORY }

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final List<EventStore> opened = new ArrayList<>();
    private long nextPublication = 1000;

    @AfterEach
    void closeStores() {
        opened.forEach(EventStore::close);
    }

    private EventStore open(Kind kind, HistoryEntry... entries) {
        EventStore s = switch (kind) {
            case SQLITE -> new SqliteEventStore(dir.resolve("history.sqlite"), List.of(entries), 1000,
                    Duration.ofMillis(2), false, clock::get);
            case MEMORY -> new InMemoryEventStore(List.of(entries), clock::get);
        };
        opened.add(s);
        return s;
    }

    private static HistoryEntry entry(int limit) {
        return new HistoryEntry("exact com.example.a", limit, null);
    }

    private StoredEvent event(int entry, String topic, Payload payload) {
        return new StoredEvent(0, entry, topic, nextPublication++, clock.get(), null, null, payload);
    }

    /** Appends and waits until stored. */
    private static void store(EventStore s, StoredEvent... events) {
        AtomicLong done = new AtomicLong();
        for (StoredEvent e : events) {
            assertThat(s.append(e, failure -> {
                assertThat(failure).isNull();
                done.incrementAndGet();
            })).isTrue();
        }
        await().until(() -> done.get() == events.length);
    }

    private static EventQuery all(String topic) {
        return query(new TopicFilter(topic, MatchPolicy.EXACT, null), false, 1000, 0, 0, 0, 0);
    }

    private static EventQuery query(TopicFilter topics, boolean reverse, int limit, long from, long after, long before,
                                    long until) {
        return new EventQuery(topics, reverse, limit, Long.MIN_VALUE, Long.MAX_VALUE, from, after, before, until, e -> true);
    }

    private static List<StoredEvent> run(EventStore s, EventQuery q) {
        return s.query(q).toCompletableFuture().join();
    }

    private static List<Long> publications(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::publication).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void keepsWhatWasPublished(Kind kind) {
        EventStore s = open(kind, entry(100));
        StoredEvent e = new StoredEvent(0, 0, "com.example.a", 42, clock.get(), new Publisher(7, "alice", "user"),
                new Audience(List.of("a"), null, null, List.of("guest")),
                Payload.of(List.of(1, "two", Map.of("three", 3.0)), Map.of("k", List.of(true))));
        store(s, e, event(0, "com.example.a", Payload.NONE));

        List<StoredEvent> got = run(s, all("com.example.a"));

        assertThat(got).hasSize(2);
        StoredEvent first = got.get(0);
        assertThat(first.seq()).isPositive();
        assertThat(first.publication()).isEqualTo(42);
        assertThat(first.topic()).isEqualTo("com.example.a");
        assertThat(first.timestamp()).isEqualTo(clock.get());
        assertThat(first.publisher()).isEqualTo(new Publisher(7, "alice", "user"));
        assertThat(first.audience()).isEqualTo(new Audience(List.of("a"), null, null, List.of("guest")));
        assertThat(first.payload()).isEqualTo(e.payload());
        assertThat(got.get(1).payload().isEmpty()).isTrue();
        assertThat(got.get(1).seq()).isGreaterThan(first.seq());
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void keepsRawPayloadsOfEverySerialization(Serialization serialization) {
        EventStore s = open(Kind.SQLITE, entry(100));
        Payload argsOnly = raw(serialization, Payload.of(List.of(1, "x", List.of(2, 3))));
        Payload both = raw(serialization, Payload.of(List.of(), Map.of("k", "v", "n", 5)));
        Payload kwargsOnly = raw(serialization, Payload.of(null, Map.of("only", true)));
        assertThat(argsOnly.rawSerialization()).isEqualTo(serialization);
        store(s, event(0, "com.example.a", argsOnly), event(0, "com.example.a", both), event(0, "com.example.a", kwargsOnly));

        List<StoredEvent> got = run(s, all("com.example.a"));

        assertThat(got.get(0).payload()).isEqualTo(Payload.of(List.of(1, "x", List.of(2, 3))));
        assertThat(got.get(1).payload()).isEqualTo(Payload.of(List.of(), Map.of("k", "v", "n", 5)));
        assertThat(got.get(2).payload()).isEqualTo(Payload.of(List.of(), Map.of("only", true)));
    }

    /** The payload as a router gets it from a peer: raw bytes of {@code serialization}. */
    private static Payload raw(Serialization serialization, Payload decoded) {
        var codec = Codecs.of(serialization);
        Publish p = (Publish) codec.decode(codec.encode(new Publish(1, Map.of(), "com.example.a", decoded)));
        return p.payload();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void keepsAtMostTheLimitOfEachEntryDroppingTheOldest(Kind kind) {
        EventStore s = open(kind, entry(3), new HistoryEntry("exact com.example.b", 10, null));
        for (int i = 0; i < 5; i++) {
            store(s, event(0, "com.example.a", Payload.of(List.of(i))), event(1, "com.example.b", Payload.of(List.of(i))));
        }

        assertThat(run(s, all("com.example.a"))).extracting(e -> ((Number) e.payload().args().get(0)).longValue())
                .containsExactly(2L, 3L, 4L);
        assertThat(run(s, all("com.example.b"))).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dropsEventsOlderThanTheMaximumAge(Kind kind) {
        EventStore s = open(kind, new HistoryEntry("exact com.example.a", 100, Duration.ofMinutes(1)));
        store(s, event(0, "com.example.a", Payload.of(List.of("old"))));
        clock.addAndGet(50_000);
        store(s, event(0, "com.example.a", Payload.of(List.of("new"))));
        clock.addAndGet(20_000);

        assertThat(run(s, all("com.example.a"))).extracting(e -> e.payload().args().get(0)).containsExactly("new");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pagesByPublicationForwardAndBackward(Kind kind) {
        EventStore s = open(kind, entry(100));
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event(0, "com.example.a", Payload.NONE));
        }
        store(s, events.toArray(StoredEvent[]::new));
        List<Long> p = publications(events);
        TopicFilter a = new TopicFilter("com.example.a", MatchPolicy.EXACT, null);

        assertThat(publications(run(s, query(a, false, 2, 0, 0, 0, 0)))).containsExactly(p.get(0), p.get(1));
        assertThat(publications(run(s, query(a, false, 2, 0, p.get(1), 0, 0)))).containsExactly(p.get(2), p.get(3));
        assertThat(publications(run(s, query(a, false, 2, p.get(1), 0, 0, 0)))).containsExactly(p.get(1), p.get(2));
        assertThat(publications(run(s, query(a, true, 2, 0, 0, 0, 0)))).containsExactly(p.get(5), p.get(4));
        assertThat(publications(run(s, query(a, true, 2, 0, 0, p.get(4), 0)))).containsExactly(p.get(3), p.get(2));
        assertThat(publications(run(s, query(a, true, 10, 0, 0, 0, p.get(1))))).containsExactly(p.get(1), p.get(0));
        assertThat(publications(run(s, query(a, false, 10, 0, p.get(1), p.get(4), 0)))).containsExactly(p.get(2), p.get(3));
        assertThat(run(s, query(a, false, 10, p.get(4), 0, p.get(2), 0))).isEmpty();

        assertThatThrownBy(() -> run(s, query(a, false, 10, 0, 99, 0, 0)))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(UnknownPublicationException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPublicationOfAnotherTopicIsNotABoundOfThisOne(Kind kind) {
        EventStore s = open(kind, entry(100), new HistoryEntry("exact com.example.b", 100, null));
        StoredEvent a = event(0, "com.example.a", Payload.NONE);
        StoredEvent b = event(1, "com.example.b", Payload.NONE);
        store(s, a, b);
        TopicFilter onlyA = new TopicFilter("com.example.a", MatchPolicy.EXACT, null);
        assertThatThrownBy(() -> run(s, query(onlyA, false, 10, 0, b.publication(), 0, 0)))
                .hasCauseInstanceOf(UnknownPublicationException.class);
        TopicFilter both = new TopicFilter("com.example.", MatchPolicy.PREFIX, null);
        assertThat(publications(run(s, query(both, false, 10, 0, a.publication(), 0, 0)))).containsExactly(b.publication());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void selectsByTimeTopicPatternAndVisibility(Kind kind) {
        EventStore s = open(kind, new HistoryEntry("prefix com.", 100, null));
        StoredEvent first = event(0, "com.example.a", Payload.NONE);
        store(s, first);
        clock.addAndGet(10);
        StoredEvent second = event(0, "com.example.b.x", Payload.NONE);
        store(s, second);
        clock.addAndGet(10);
        StoredEvent third = new StoredEvent(0, 0, "com.other.x", nextPublication++, clock.get(), null,
                new Audience(null, List.of("admin"), null, null), Payload.NONE);
        store(s, third);

        TopicFilter everything = new TopicFilter("com.", MatchPolicy.PREFIX, null);
        Predicate<StoredEvent> admin = e -> e.audience() == null || e.audience().admits("x", "admin");
        Predicate<StoredEvent> user = e -> e.audience() == null || e.audience().admits("x", "user");
        assertThat(publications(run(s, new EventQuery(everything, false, 10, first.timestamp() + 1, Long.MAX_VALUE,
                0, 0, 0, 0, admin)))).containsExactly(second.publication(), third.publication());
        assertThat(publications(run(s, new EventQuery(everything, false, 10, Long.MIN_VALUE, second.timestamp(),
                0, 0, 0, 0, admin)))).containsExactly(first.publication(), second.publication());
        assertThat(publications(run(s, new EventQuery(everything, false, 10, Long.MIN_VALUE, Long.MAX_VALUE,
                0, 0, 0, 0, user)))).containsExactly(first.publication(), second.publication());
        assertThat(publications(run(s, query(new TopicFilter("com.example", MatchPolicy.PREFIX, null), false, 10, 0, 0, 0, 0))))
                .containsExactly(first.publication(), second.publication());
        assertThat(publications(run(s, query(new TopicFilter("com..x", MatchPolicy.WILDCARD, null), false, 10, 0, 0, 0, 0))))
                .containsExactly(third.publication());
        assertThat(publications(run(s, query(new TopicFilter(".example.a", MatchPolicy.WILDCARD, null), false, 10, 0, 0, 0, 0))))
                .containsExactly(first.publication());
        assertThat(publications(run(s, query(new TopicFilter("com.", MatchPolicy.PREFIX, "com.example.b.x"), false, 10, 0, 0, 0, 0))))
                .containsExactly(second.publication());
        assertThat(run(s, query(new TopicFilter("com.example.a", MatchPolicy.EXACT, "com.example.b.x"), false, 10, 0, 0, 0, 0)))
                .isEmpty();
    }
}
