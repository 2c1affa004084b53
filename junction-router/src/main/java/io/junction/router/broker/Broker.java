package io.junction.router.broker;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.session.RouterSession;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.uri.UriCheck;
import io.junction.transport.EncodedMessage;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.junction.router.RouterErrors.reply;

/**
 * The Broker role of a realm: subscriptions, and events routed from publishers to subscribers.
 *
 * <p>PUBLISH is handled on the publisher's event loop without locks: the subscription table and
 * each subscription's subscriber array are read as they are. For each matching subscription the
 * EVENT is built once and encoded once per serialization among its subscribers, and the same
 * bytes are queued on each subscriber's connection. SUBSCRIBE, UNSUBSCRIBE and a session leaving
 * synchronize on the broker.
 */
public final class Broker {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final int SERIALIZATIONS = Serialization.values().length;

    private final UriCheck uriCheck;
    private final Function<Serialization, WampCodec> codecs;
    private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    private final SubscriptionTable subscriptions = new SubscriptionTable();
    /** Each subscriber's subscriptions, so that they can be removed when it leaves. Guarded by {@code this}. */
    private final Map<RouterSession, Set<Subscription>> bySubscriber = new HashMap<>();
    private volatile PublicationHook publicationHook;

    public Broker(UriCheck uriCheck, Function<Serialization, WampCodec> codecs) {
        this.uriCheck = uriCheck;
        this.codecs = codecs;
    }

    // ---------------------------------------------------------------- subscribing

    public void subscribe(RouterSession subscriber, Subscribe m) {
        MatchPolicy match = MatchPolicy.of(m.options());
        if (match != MatchPolicy.EXACT) {
            subscriber.send(reply(MessageType.SUBSCRIBE, m.request(), WampErrors.INVALID_ARGUMENT,
                    "Match policy " + m.options().get("match") + " is not supported; only exact subscriptions are."));
            return;
        }
        if (!uriCheck.isValid(m.topic())) {
            subscriber.send(reply(MessageType.SUBSCRIBE, m.request(), WampErrors.INVALID_URI,
                    "\"" + m.topic() + "\" is not a valid topic URI."));
            return;
        }
        synchronized (this) {
            Subscription s = subscriptions.find(m.topic(), match);
            if (s == null) {
                s = new Subscription(newSubscriptionId(), m.topic(), match);
                subscriptions.add(s);
            }
            // SUBSCRIBED is queued before publishers can see the new subscriber, so it reaches
            // the subscriber before any EVENT of the subscription.
            subscriber.send(new Subscribed(m.request(), s.id()));
            if (bySubscriber.computeIfAbsent(subscriber, k -> new LinkedHashSet<>()).add(s)) {
                s.add(subscriber);
            }
        }
    }

    public void unsubscribe(RouterSession subscriber, Unsubscribe m) {
        synchronized (this) {
            Subscription s = subscriptions.byId(m.subscription());
            Set<Subscription> own = bySubscriber.get(subscriber);
            if (s == null || own == null || !own.remove(s)) {
                subscriber.send(reply(MessageType.UNSUBSCRIBE, m.request(), WampErrors.NO_SUCH_SUBSCRIPTION,
                        "This session has no subscription " + m.subscription() + "."));
                return;
            }
            if (own.isEmpty()) {
                bySubscriber.remove(subscriber);
            }
            unsubscribe(s, subscriber);
        }
        subscriber.send(new Unsubscribed(m.request()));
    }

    private void unsubscribe(Subscription s, RouterSession subscriber) {
        s.remove(subscriber);
        if (s.isEmpty()) {
            subscriptions.remove(s);
        }
    }

    private long newSubscriptionId() {
        long id;
        do {
            id = Ids.randomId();
        } while (subscriptions.containsId(id));
        return id;
    }

    // ---------------------------------------------------------------- publishing

    public void publish(RouterSession publisher, Publish m) {
        boolean acknowledge = Dicts.bool(m.options(), "acknowledge", false);
        if (!uriCheck.isValid(m.topic())) {
            // An unacknowledged publication gets no answer, not even an error (spec).
            if (acknowledge) {
                publisher.send(reply(MessageType.PUBLISH, m.request(), WampErrors.INVALID_URI,
                        "\"" + m.topic() + "\" is not a valid topic URI."));
            }
            return;
        }
        long publication = Ids.randomId();
        PublicationHook hook = publicationHook;
        PublicationHook.Verdict verdict = hook == null ? PublicationHook.Verdict.DELIVER
                : hook.onPublish(publisher, m, publication);
        if (verdict == PublicationHook.Verdict.REFUSE) {
            return;
        }
        RouterSession excluded = Dicts.bool(m.options(), "exclude_me", true) ? publisher : null;
        subscriptions.forEachMatch(m.topic(), s -> deliver(s, publication, m.payload(), excluded));
        if (acknowledge && verdict == PublicationHook.Verdict.DELIVER) {
            publisher.send(new Published(m.request(), publication));
        }
    }

    /** Installs the hook that sees every publication before delivery (one per broker). */
    public void setPublicationHook(PublicationHook hook) {
        publicationHook = hook;
    }

    /** Sends the EVENT of one subscription to each of its subscribers except {@code excluded}. */
    private void deliver(Subscription s, long publication, Payload payload, RouterSession excluded) {
        Event event = null;
        EncodedMessage[] encoded = null; // by Serialization ordinal
        int failed = 0; // bit per Serialization ordinal that could not be encoded
        try {
            for (RouterSession receiver : s.subscribers()) {
                if (receiver == excluded) {
                    continue;
                }
                Serialization serialization = receiver.serialization();
                int k = serialization.ordinal();
                if (event == null) {
                    event = new Event(s.id(), publication, Map.of(), payload);
                    encoded = new EncodedMessage[SERIALIZATIONS];
                }
                if (encoded[k] == null) {
                    if ((failed & 1 << k) != 0) {
                        continue;
                    }
                    try {
                        encoded[k] = EncodedMessage.encode(codecs.apply(serialization), event, allocator);
                    } catch (RuntimeException e) {
                        log.warn("cannot encode EVENT of publication {} on {} as {}; not delivered to {} subscribers",
                                publication, s.topic(), serialization.id(), serialization.id(), e);
                        failed |= 1 << k;
                        continue;
                    }
                }
                receiver.sendEvent(encoded[k]);
            }
        } finally {
            if (encoded != null) {
                for (EncodedMessage e : encoded) {
                    if (e != null) {
                        e.release();
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- leaving

    /** Removes a leaving session from all its subscriptions. */
    public synchronized void removeSession(RouterSession session) {
        Set<Subscription> own = bySubscriber.remove(session);
        if (own != null) {
            for (Subscription s : own) {
                unsubscribe(s, session);
            }
        }
    }

    // ---------------------------------------------------------------- introspection

    /** All subscriptions (a live, unmodifiable view). */
    public Collection<Subscription> subscriptions() {
        return subscriptions.all();
    }

    /** The subscription with this ID, or {@code null}. */
    public Subscription subscription(long id) {
        return subscriptions.byId(id);
    }

    /** How many sessions have subscriptions (for checking that leaving sessions are forgotten). */
    public synchronized int subscriberCount() {
        return bySubscriber.size();
    }
}
