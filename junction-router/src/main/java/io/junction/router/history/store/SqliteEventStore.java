package io.junction.router.history.store;

import io.junction.core.message.Payload;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.history.store.StoredEvent.Audience;
import io.junction.router.history.store.StoredEvent.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An event history in an SQLite database file: it survives restarts.
 *
 * <p>Appends go into a bounded queue; one writer thread takes them out and writes them in
 * transactions: it begins one with the first event waiting, adds whatever else is queued (for
 * at most the commit interval), drops what the entries' count limits no longer allow, and
 * commits. Only then are the appenders told, in order. Under load a transaction holds many
 * events, so the commit (and its fsync) is paid once for all of them. Queries run on a reader
 * thread with their own connection (the database is in WAL mode: readers do not block the writer).
 */
public final class SqliteEventStore implements EventStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteEventStore.class);

    private static final int MAX_BATCH = 50_000;
    private static final int INSERTS_PER_STATEMENT_BATCH = 1000;
    private static final long MAINTENANCE_INTERVAL_MS = 1000;
    private static final long IDLE_POLL_MS = 100;
    private static final int MAX_QUEUED_QUERIES = 64;
    private static final String COLUMNS =
            "seq, entry, topic, publication, ts, publisher, publisher_authid, publisher_authrole, audience, serializer, payload";

    private final Path path;
    private final List<HistoryEntry> entries;
    private final LongSupplier clock;
    private final long commitIntervalNanos;
    private final ArrayBlockingQueue<Pending> queue;
    private final Thread writer;
    private final ExecutorService reader;
    private final Connection writeConnection;
    private final Connection readConnection;
    private volatile boolean closing;

    // writer thread only
    private final int[] entryIds;
    private final long[] counts;
    private final List<Pending> batch = new ArrayList<>();
    private final PreparedStatement insert;
    private final PreparedStatement trim;
    private long nextMaintenance;

    private record Pending(StoredEvent event, Consumer<Exception> onDone) {
    }

    /**
     * Opens (or creates) the database.
     *
     * @param fsync whether a commit waits until the disk has the data (survives power loss) or
     *              only until the operating system has it (survives the router process dying)
     * @throws UncheckedIOException if the file cannot be opened or is not an event history
     */
    public SqliteEventStore(Path path, List<HistoryEntry> entries, int queueSize, Duration commitInterval,
                            boolean fsync, LongSupplier clock) {
        this.path = path;
        this.entries = List.copyOf(entries);
        this.clock = clock;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.entryIds = new int[entries.size()];
        this.counts = new long[entries.size()];
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writeConnection = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement s = writeConnection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (fsync ? "FULL" : "NORMAL"));
                s.execute("PRAGMA busy_timeout=10000");
                createSchema(s);
            }
            loadEntries();
            writeConnection.setAutoCommit(false);
            insert = writeConnection.prepareStatement("INSERT INTO events (entry, topic, publication, ts, publisher, "
                    + "publisher_authid, publisher_authrole, audience, serializer, payload) VALUES (?,?,?,?,?,?,?,?,?,?)");
            trim = writeConnection.prepareStatement(
                    "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE entry = ? ORDER BY seq LIMIT ?)");
            readConnection = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement s = readConnection.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
            }
        } catch (SQLException | IOException e) {
            throw new UncheckedIOException("cannot open the event history " + path + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        String name = path.getFileName().toString();
        reader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_QUEUED_QUERIES),
                r -> daemon(r, "junction-history-reader-" + name));
        writer = daemon(this::runWriter, "junction-history-writer-" + name);
        nextMaintenance = clock.getAsLong();
        writer.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void createSchema(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE IF NOT EXISTS events ("
                + "seq INTEGER PRIMARY KEY, "
                + "entry INTEGER NOT NULL, "
                + "topic TEXT NOT NULL, "
                + "publication INTEGER NOT NULL, "
                + "ts INTEGER NOT NULL, "                 // epoch milliseconds
                + "publisher INTEGER, publisher_authid TEXT, publisher_authrole TEXT, " // disclose_me only
                + "audience BLOB, "                       // CBOR [eligible_authid, eligible_authrole, exclude_authid, exclude_authrole]
                + "serializer INTEGER, "                  // RawSocket serializer id of payload
                + "payload BLOB)");                       // [args] or [args, kwargs] in that serialization
        s.execute("CREATE INDEX IF NOT EXISTS events_by_entry ON events (entry, seq)");
        s.execute("CREATE INDEX IF NOT EXISTS events_by_topic ON events (topic, seq)");
        // No index on publication: its IDs are random, and inserting random keys into an index
        // costs several times the rest of the insert (a new page written per event). A query by
        // publication ID scans the rows of the subscription's topics instead.
    }

    private void loadEntries() throws SQLException {
        try (PreparedStatement add = writeConnection.prepareStatement("INSERT OR IGNORE INTO entries (key) VALUES (?)");
             PreparedStatement id = writeConnection.prepareStatement("SELECT id FROM entries WHERE key = ?");
             PreparedStatement count = writeConnection.prepareStatement("SELECT count(*) FROM events WHERE entry = ?")) {
            for (int i = 0; i < entries.size(); i++) {
                add.setString(1, entries.get(i).key());
                add.executeUpdate();
                id.setString(1, entries.get(i).key());
                try (ResultSet rs = id.executeQuery()) {
                    rs.next();
                    entryIds[i] = rs.getInt(1);
                }
                count.setInt(1, entryIds[i]);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    public boolean append(StoredEvent event, Consumer<Exception> onDone) {
        return !closing && queue.offer(new Pending(event, onDone));
    }

    @Override
    public int queued() {
        return queue.size();
    }

    private void runWriter() {
        while (true) {
            Pending first;
            try {
                first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                maintainIfDue();
                continue;
            }
            writeBatch(first);
            maintainIfDue();
        }
    }

    /** One transaction: {@code first} and whatever else is queued, for at most the commit interval. */
    private void writeBatch(Pending first) {
        long deadline = System.nanoTime() + commitIntervalNanos;
        Exception failure = null;
        boolean[] touched = new boolean[entries.size()];
        try {
            Pending p = first;
            do {
                batch.add(p);
                bind(p.event());
                insert.addBatch();
                touched[p.event().entry()] = true;
                counts[p.event().entry()]++;
                if (batch.size() % INSERTS_PER_STATEMENT_BATCH == 0) {
                    insert.executeBatch();
                }
            } while (batch.size() < MAX_BATCH && System.nanoTime() < deadline && (p = queue.poll()) != null);
            insert.executeBatch();
            for (int i = 0; i < touched.length; i++) {
                if (touched[i] && counts[i] > entries.get(i).limit()) {
                    trim.setInt(1, entryIds[i]);
                    trim.setLong(2, counts[i] - entries.get(i).limit());
                    counts[i] -= trim.executeUpdate();
                }
            }
            writeConnection.commit();
        } catch (SQLException | RuntimeException e) {
            failure = e;
            log.error("event history {}: could not store {} events", path, batch.size(), e);
            try {
                insert.clearBatch();
            } catch (SQLException ignored) {
                // the statement is reset by the rollback anyway
            }
            rollback();
        }
        for (Pending p : batch) {
            if (p.onDone() != null) {
                try {
                    p.onDone().accept(failure);
                } catch (RuntimeException e) {
                    log.error("event history {}: callback failed", path, e);
                }
            }
        }
        batch.clear();
    }

    private void bind(StoredEvent e) throws SQLException {
        insert.setInt(1, entryIds[e.entry()]);
        insert.setString(2, e.topic());
        insert.setLong(3, e.publication());
        insert.setLong(4, e.timestamp());
        Publisher p = e.publisher();
        if (p == null) {
            insert.setNull(5, Types.INTEGER);
            insert.setNull(6, Types.VARCHAR);
            insert.setNull(7, Types.VARCHAR);
        } else {
            insert.setLong(5, p.session());
            insert.setString(6, p.authid());
            insert.setString(7, p.authrole());
        }
        Audience a = e.audience();
        if (a == null) {
            insert.setNull(8, Types.BLOB);
        } else {
            insert.setBytes(8, Codecs.valueEncoder(Serialization.CBOR).encodeValue(Arrays.asList(
                    a.eligibleAuthids(), a.eligibleAuthroles(), a.excludedAuthids(), a.excludedAuthroles())));
        }
        PayloadBytes payload = PayloadBytes.of(e.payload());
        if (payload == null) {
            insert.setNull(9, Types.INTEGER);
            insert.setNull(10, Types.BLOB);
        } else {
            insert.setInt(9, payload.serialization().rawSocketId());
            insert.setBytes(10, payload.bytes());
        }
    }

    private void rollback() {
        try {
            writeConnection.rollback();
            reloadCounts();
        } catch (SQLException e) {
            log.error("event history {}: rollback failed", path, e);
        }
    }

    private void reloadCounts() throws SQLException {
        try (PreparedStatement count = writeConnection.prepareStatement("SELECT count(*) FROM events WHERE entry = ?")) {
            for (int i = 0; i < entries.size(); i++) {
                count.setInt(1, entryIds[i]);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
        }
    }

    /** Drops the events older than their entry's maximum age, about once a second. */
    private void maintainIfDue() {
        long now = clock.getAsLong();
        if (now < nextMaintenance) {
            return;
        }
        nextMaintenance = now + MAINTENANCE_INTERVAL_MS;
        try {
            for (int i = 0; i < entries.size(); i++) {
                long oldest = entries.get(i).oldestKept(now);
                if (oldest != Long.MIN_VALUE) {
                    counts[i] -= dropOlderThan(entryIds[i], oldest);
                }
            }
            writeConnection.commit();
        } catch (SQLException e) {
            log.error("event history {}: could not drop expired events", path, e);
            rollback();
        }
    }

    /** Deletes the entry's events from the oldest on up to the first one not older than {@code oldest}. */
    private int dropOlderThan(int entryId, long oldest) throws SQLException {
        long lastExpired = 0;
        try (PreparedStatement scan = writeConnection.prepareStatement(
                "SELECT seq, ts FROM events WHERE entry = ? ORDER BY seq")) {
            scan.setInt(1, entryId);
            try (ResultSet rs = scan.executeQuery()) {
                while (rs.next() && rs.getLong(2) < oldest) {
                    lastExpired = rs.getLong(1);
                }
            }
        }
        if (lastExpired == 0) {
            return 0;
        }
        try (PreparedStatement delete = writeConnection.prepareStatement(
                "DELETE FROM events WHERE entry = ? AND seq <= ?")) {
            delete.setInt(1, entryId);
            delete.setLong(2, lastExpired);
            return delete.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    public CompletionStage<List<StoredEvent>> query(EventQuery q) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return runQuery(q);
                } catch (SQLException e) {
                    throw new UncheckedIOException("event history " + path + ": query failed: " + e.getMessage(),
                            new IOException(e));
                }
            }, reader);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<StoredEvent> runQuery(EventQuery q) throws SQLException {
        long now = clock.getAsLong();
        long lowSeq = 1;
        long highSeq = Long.MAX_VALUE;
        if (q.fromPublication() != 0) {
            lowSeq = Math.max(lowSeq, seqOf(q.fromPublication(), q.topics()));
        }
        if (q.afterPublication() != 0) {
            lowSeq = Math.max(lowSeq, seqOf(q.afterPublication(), q.topics()) + 1);
        }
        if (q.beforePublication() != 0) {
            highSeq = Math.min(highSeq, seqOf(q.beforePublication(), q.topics()) - 1);
        }
        if (q.untilPublication() != 0) {
            highSeq = Math.min(highSeq, seqOf(q.untilPublication(), q.topics()));
        }
        if (lowSeq > highSeq) {
            return List.of();
        }

        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM events WHERE seq >= ? AND seq <= ?");
        List<Object> params = new ArrayList<>(List.of(lowSeq, highSeq));
        appendTopicCondition(q.topics(), sql, params);
        sql.append(" ORDER BY seq").append(q.reverse() ? " DESC" : "");

        List<StoredEvent> out = new ArrayList<>();
        try (PreparedStatement select = prepare(sql.toString(), params);
             ResultSet rs = select.executeQuery()) {
            while (out.size() < q.limit() && rs.next()) {
                StoredEvent e = read(rs, now);
                if (e != null && q.accepts(e)) {
                    out.add(withPayload(e, rs));
                }
            }
        }
        return out;
    }

    /** Narrows a query to the rows of the topics (by the topic index); the exact match is checked on each row. */
    private static void appendTopicCondition(TopicFilter topics, StringBuilder sql, List<Object> params) {
        String prefix = topics.commonPrefix();
        if (topics.isSingleTopic()) {
            sql.append(" AND topic = ?");
            params.add(prefix);
        } else if (!prefix.isEmpty()) {
            sql.append(" AND topic >= ?");
            params.add(prefix);
            String above = TopicBounds.above(prefix);
            if (above != null) {
                sql.append(" AND topic < ?");
                params.add(above);
            }
        }
    }

    private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
        PreparedStatement s = readConnection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
        return s;
    }

    /** The position of a publication among the events of {@code topics}. */
    private long seqOf(long publication, TopicFilter topics) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT seq, topic FROM events WHERE publication = ?");
        List<Object> params = new ArrayList<>(List.of(publication));
        appendTopicCondition(topics, sql, params);
        sql.append(" ORDER BY seq DESC");
        try (PreparedStatement s = prepare(sql.toString(), params);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (topics.matches(rs.getString(2))) {
                    return rs.getLong(1);
                }
            }
        }
        throw new UnknownPublicationException(publication);
    }

    /** The event of the current row without its payload, or {@code null} if it is past its entry's age. */
    private StoredEvent read(ResultSet rs, long now) throws SQLException {
        int entry = entryIndex(rs.getInt(2));
        long ts = rs.getLong(5);
        if (entry >= 0 && ts < entries.get(entry).oldestKept(now)) {
            return null; // expired, not yet dropped
        }
        long publisher = rs.getLong(6);
        Publisher p = rs.wasNull() ? null : new Publisher(publisher, rs.getString(7), rs.getString(8));
        byte[] audience = rs.getBytes(9);
        return new StoredEvent(rs.getLong(1), entry, rs.getString(3), rs.getLong(4), ts, p,
                audience == null ? null : audience(audience), Payload.NONE);
    }

    private StoredEvent withPayload(StoredEvent e, ResultSet rs) throws SQLException {
        int serializer = rs.getInt(10);
        byte[] bytes = rs.getBytes(11);
        if (bytes == null) {
            return e;
        }
        Payload payload = PayloadBytes.decode(Serialization.ofRawSocketId(serializer), bytes);
        return new StoredEvent(e.seq(), e.entry(), e.topic(), e.publication(), e.timestamp(), e.publisher(),
                e.audience(), payload);
    }

    private int entryIndex(int entryId) {
        for (int i = 0; i < entryIds.length; i++) {
            if (entryIds[i] == entryId) {
                return i;
            }
        }
        return -1; // an entry no longer configured: its events stay as they are
    }

    @SuppressWarnings("unchecked")
    private static Audience audience(byte[] cbor) {
        List<Object> l = (List<Object>) Codecs.of(Serialization.CBOR).decodeValue(cbor, 0, cbor.length);
        return new Audience(strings(l.get(0)), strings(l.get(1)), strings(l.get(2)), strings(l.get(3)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object v) {
        return (List<String>) v;
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending late;
        while ((late = queue.poll()) != null) { // appended as the writer was finishing
            if (late.onDone() != null) {
                late.onDone().accept(new IllegalStateException("the event history is closed"));
            }
        }
        reader.shutdown();
        try {
            reader.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            insert.close();
            trim.close();
            writeConnection.close();
            readConnection.close();
        } catch (SQLException e) {
            log.warn("event history {}: closing failed", path, e);
        }
    }
}
