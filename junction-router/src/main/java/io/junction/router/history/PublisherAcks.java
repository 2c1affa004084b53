package io.junction.router.history;

import io.junction.core.message.Message;
import io.junction.router.session.RouterSession;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each publisher's acknowledgements (PUBLISHED, or ERROR) in the order of its
 * publications, though some are sent when the store commits and others right away: an answer
 * waits behind the publisher's earlier answers that wait for the store. A publisher with nothing
 * waiting costs one map lookup.
 */
final class PublisherAcks {

    /** One answer owed to a publisher; {@code reply} is set when it may go. Guarded by the queue's map bin. */
    static final class Ack {
        private Message reply;
    }

    private final ConcurrentHashMap<RouterSession, ArrayDeque<Ack>> waiting = new ConcurrentHashMap<>();

    /** An answer that will be known later (see {@link #complete}). Called on the publisher's event loop. */
    Ack expect(RouterSession publisher) {
        Ack ack = new Ack();
        waiting.compute(publisher, (p, queue) -> {
            ArrayDeque<Ack> q = queue == null ? new ArrayDeque<>() : queue;
            q.add(ack);
            return q;
        });
        return ack;
    }

    /** Sends {@code reply} now, or after the publisher's answers still waiting. Called on the publisher's event loop. */
    void send(RouterSession publisher, Message reply) {
        waiting.compute(publisher, (p, queue) -> {
            if (queue == null) {
                p.send(reply);
                return null;
            }
            Ack ack = new Ack();
            ack.reply = reply;
            queue.add(ack);
            return queue;
        });
    }

    /** The answer of {@code ack} is known: sends it and whatever was waiting behind it only. Any thread. */
    void complete(RouterSession publisher, Ack ack, Message reply) {
        // Sending happens inside compute: the bin lock keeps a concurrent send() from overtaking.
        waiting.compute(publisher, (p, queue) -> {
            ack.reply = reply;
            while (queue != null && !queue.isEmpty() && queue.peek().reply != null) {
                p.send(queue.poll().reply);
            }
            return queue == null || queue.isEmpty() ? null : queue;
        });
    }

    /** Publishers with answers waiting (for tests). */
    int waitingPublishers() {
        return waiting.size();
    }
}
