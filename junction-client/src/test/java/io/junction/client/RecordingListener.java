package io.junction.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records session listener callbacks as strings, with the thread they ran on. */
final class RecordingListener implements SessionListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onJoined(Session session, SessionDetails details) {
        record("joined " + details.sessionId());
    }

    @Override
    public void onLeft(Session session, CloseDetails details) {
        record("left " + details.reason());
    }

    @Override
    public void onDisconnected(Session session, boolean willReconnect) {
        record("disconnected " + willReconnect);
    }

    @Override
    public void onReconnecting(Session session, int attempt, Duration delay) {
        record("reconnecting " + attempt);
    }

    private void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }
}
