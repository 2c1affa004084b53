package io.junction.router.history.store;

import io.junction.core.message.Payload;
import io.junction.core.uri.MatchPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What only the persistent store does: survive a restart, bound its write queue, report failures. */
class SqliteEventStoreTest {

    private static final List<HistoryEntry> ENTRIES = List.of(new HistoryEntry("exact com.example.a", 1000, null));

    @TempDir
    Path dir;

    private SqliteEventStore open(Path file, int queueSize) {
        return new SqliteEventStore(file, ENTRIES, queueSize, Duration.ofMillis(5), true, System::currentTimeMillis);
    }

    private static StoredEvent event(long publication) {
        return new StoredEvent(0, 0, "com.example.a", publication, System.currentTimeMillis(), null, null,
                Payload.of(List.of(publication)));
    }

    private static List<StoredEvent> all(EventStore s) {
        return s.query(new EventQuery(new TopicFilter("com.example.a", MatchPolicy.EXACT, null), false, 10_000,
                Long.MIN_VALUE, Long.MAX_VALUE, 0, 0, 0, 0, e -> true)).toCompletableFuture().join();
    }

    @Test
    void theHistorySurvivesReopeningAndCloseWritesWhatIsQueued() {
        Path file = dir.resolve("sub/dir/history.sqlite");
        SqliteEventStore s = open(file, 10_000);
        for (int i = 1; i <= 500; i++) {
            assertThat(s.append(event(i), null)).isTrue();
        }
        s.close();
        assertThat(Files.exists(file)).isTrue();
        assertThat(s.append(event(501), null)).isFalse();

        SqliteEventStore reopened = open(file, 10_000);
        try {
            assertThat(all(reopened)).extracting(StoredEvent::publication).hasSize(500).startsWith(1L, 2L).endsWith(500L);
            AtomicInteger stored = new AtomicInteger();
            reopened.append(event(501), failure -> stored.incrementAndGet());
            await().until(() -> stored.get() == 1);
            assertThat(all(reopened)).hasSize(501).last().satisfies(e -> assertThat(e.publication()).isEqualTo(501));
        } finally {
            reopened.close();
        }
    }

    @Test
    void theCountLimitHoldsAcrossRestartsToo() {
        Path file = dir.resolve("h.sqlite");
        SqliteEventStore s = open(file, 10_000);
        for (int i = 1; i <= 20; i++) {
            s.append(event(i), null);
        }
        s.close();
        List<HistoryEntry> smaller = List.of(new HistoryEntry("exact com.example.a", 5, null));
        SqliteEventStore reopened = new SqliteEventStore(file, smaller, 100, Duration.ofMillis(5), true,
                System::currentTimeMillis);
        try {
            AtomicInteger stored = new AtomicInteger();
            reopened.append(event(21), failure -> stored.incrementAndGet());
            await().until(() -> stored.get() == 1);
            assertThat(all(reopened)).extracting(StoredEvent::publication).containsExactly(17L, 18L, 19L, 20L, 21L);
        } finally {
            reopened.close();
        }
    }

    @Test
    void aFullQueueRefusesEvents() throws Exception {
        Path file = dir.resolve("h.sqlite");
        SqliteEventStore s = open(file, 3);
        ConcurrentLinkedQueue<Exception> outcomes = new ConcurrentLinkedQueue<>();
        try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = blocker.createStatement()) {
            st.execute("BEGIN EXCLUSIVE"); // the writer waits for this lock
            assertThat(s.append(event(1), e -> outcomes.add(e == null ? new Exception("stored") : e))).isTrue();
            await().until(() -> s.queued() == 0); // the writer has taken it and is stuck
            for (int i = 2; i <= 4; i++) {
                assertThat(s.append(event(i), e -> outcomes.add(e == null ? new Exception("stored") : e))).isTrue();
            }
            assertThat(s.append(event(5), e -> outcomes.add(new Exception("must not be called")))).isFalse();
            assertThat(s.queued()).isEqualTo(3);
            st.execute("ROLLBACK");
        }
        await().until(() -> outcomes.size() == 4);
        assertThat(outcomes).extracting(Exception::getMessage).containsOnly("stored");
        assertThat(all(s)).extracting(StoredEvent::publication).containsExactly(1L, 2L, 3L, 4L);
        s.close();
    }

    @Test
    void aFailedWriteIsReportedToTheAppendersAndLaterWritesWorkAgain() throws Exception {
        Path file = dir.resolve("h.sqlite");
        SqliteEventStore s = open(file, 100);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = other.createStatement()) {
            st.execute("CREATE TRIGGER fail BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
            ConcurrentLinkedQueue<Exception> outcomes = new ConcurrentLinkedQueue<>();
            s.append(event(1), e -> outcomes.add(e == null ? new Exception("stored") : e));
            await().until(() -> outcomes.size() == 1);
            assertThat(outcomes.peek()).hasMessageContaining("disk on fire");

            st.execute("DROP TRIGGER fail");
            AtomicInteger stored = new AtomicInteger();
            s.append(event(2), e -> stored.incrementAndGet());
            await().until(() -> stored.get() == 1);
            assertThat(all(s)).extracting(StoredEvent::publication).containsExactly(2L);
        } finally {
            s.close();
        }
    }

    @Test
    void expiredEventsAreDeletedFromTheFile() throws Exception {
        Path file = dir.resolve("h.sqlite");
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        SqliteEventStore s = new SqliteEventStore(file, List.of(new HistoryEntry("exact com.example.a", 1000,
                Duration.ofMinutes(1))), 100, Duration.ofMillis(5), false, clock::get);
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = reader.createStatement()) {
            AtomicInteger stored = new AtomicInteger();
            for (int i = 1; i <= 3; i++) {
                s.append(new StoredEvent(0, 0, "com.example.a", i, clock.get(), null, null, Payload.NONE),
                        e -> stored.incrementAndGet());
            }
            await().until(() -> stored.get() == 3);
            assertThat(count(st)).isEqualTo(3);
            clock.addAndGet(Duration.ofMinutes(2).toMillis());
            await().until(() -> count(st) == 0); // the writer's maintenance, about once a second of its clock
        } finally {
            s.close();
        }
    }

    private static long count(Statement st) throws java.sql.SQLException {
        try (var rs = st.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFileThatIsNotADatabaseFailsAtOpening() throws Exception {
        Path file = dir.resolve("not.sqlite");
        Files.writeString(file, "this is not an SQLite database, not even close to one. ".repeat(100));
        assertThatThrownBy(() -> open(file, 10)).hasMessageContaining("cannot open the event history");
    }
}
