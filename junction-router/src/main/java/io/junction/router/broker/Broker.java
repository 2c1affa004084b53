package io.junction.router.broker;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.broker.blackwhitelisting.BlackWhiteListing;
import io.junction.router.broker.identification.Disclosure;
import io.junction.router.broker.identification.PublisherDisclosure;
import io.junction.router.broker.retention.RetainedEvent;
import io.junction.router.broker.retention.RetainedEvents;
import io.junction.router.broker.trustlevels.TrustLevels;
import io.junction.router.config.PubSubConfig;
import io.junction.router.session.HelloDetails;
import io.junction.router.session.RouterSession;
import io.junction.router.uri.UriCheck;
import io.junction.transport.EncodedMessage;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.junction.router.RouterErrors.reply;

/**
 * The Broker role of a realm: subscriptions, and events routed from publishers to subscribers,
 * with the Advanced Profile's publish &amp; subscribe features (pattern-based and sharded
 * subscriptions, black- and whitelisting, publisher exclusion and identification, trust levels,
 * event retention, subscription revocation, payload passthru).
 *
 * <p>PUBLISH is handled on the publisher's event loop without locks: the subscription table and
 * each subscription's subscriber array are read as they are. For each matching subscription the
 * EVENT is built once and encoded once per serialization among its receivers, and the same bytes
 * are queued on each receiver's connection; black- and whitelisting and sharding only choose who
 * gets those bytes. SUBSCRIBE, UNSUBSCRIBE, revocation and a session leaving synchronize on the
 * broker. Two hooks let other parts of the router follow along: {@link SubscriptionListener}
 * (subscription meta API) and {@link PublicationHook} (event history).
 */
public final class Broker {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final int SERIALIZATIONS = Serialization.values().length;
    /** PUBLISH options of Payload Passthru Mode that EVENT.Details carry on (spec, and Autobahn's older names). */
    private static final String[] PASSTHRU_OPTIONS = {"ppt_scheme", "ppt_serializer", "ppt_cipher", "ppt_keyid",
            "enc_algo", "enc_serializer", "enc_key"};

    private final UriCheck uriCheck;
    private final Function<Serialization, WampCodec> codecs;
    private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    private final SubscriptionTable subscriptions = new SubscriptionTable();
    /** Each subscriber's subscriptions, so that they can be removed when it leaves. Guarded by {@code this}. */
    private final Map<RouterSession, Set<Subscription>> bySubscriber = new HashMap<>();
    private final TrustLevels trustLevels;
    private final RetainedEvents retained;
    private volatile PublisherDisclosure disclosure;
    private final List<SubscriptionListener> subscriptionListeners = new CopyOnWriteArrayList<>();
    private volatile PublicationHook publicationHook;

    public Broker(UriCheck uriCheck, Function<Serialization, WampCodec> codecs, PubSubConfig config) {
        this.uriCheck = uriCheck;
        this.codecs = codecs;
        this.trustLevels = new TrustLevels(config.trustlevels());
        this.retained = new RetainedEvents(config.retention());
        this.disclosure = PublisherDisclosure.of(config.disclosure(), config.disclosureByRole());
    }

    // ---------------------------------------------------------------- hooks

    /** Replaces the publisher identification policy (the realm configuration provides the first). */
    public void setPublisherDisclosure(PublisherDisclosure disclosure) {
        this.disclosure = disclosure;
    }

    public void addSubscriptionListener(SubscriptionListener listener) {
        subscriptionListeners.add(listener);
    }

    /** Installs the hook that sees every publication before delivery (one per broker). */
    public void setPublicationHook(PublicationHook hook) {
        publicationHook = hook;
    }

    /** The realm's retained events. */
    public RetainedEvents retainedEvents() {
        return retained;
    }

    // ---------------------------------------------------------------- subscribing

    public void subscribe(RouterSession subscriber, Subscribe m) {
        MatchPolicy match = MatchPolicy.of(m.options());
        if (!uriCheck.isValidPattern(m.topic(), match)) {
            subscriber.send(reply(MessageType.SUBSCRIBE, m.request(), WampErrors.INVALID_URI, "\"" + m.topic()
                    + "\" is not a valid " + (match == MatchPolicy.EXACT ? "topic URI." : match.option() + " topic pattern.")));
            return;
        }
        String nkey = Dicts.string(m.options(), "nkey", null);
        synchronized (this) {
            Subscription existing = subscriptions.find(m.topic(), match);
            Subscription s = existing != null ? existing : new Subscription(newSubscriptionId(), m.topic(), match);
            if (existing == null) {
                subscriptions.add(s);
            }
            // SUBSCRIBED is queued before publishers can see the new subscriber, so it reaches
            // the subscriber before any EVENT of the subscription.
            subscriber.send(new Subscribed(m.request(), s.id()));
            if (bySubscriber.computeIfAbsent(subscriber, k -> new LinkedHashSet<>()).add(s)) {
                s.add(Subscriber.of(subscriber, nkey));
                if (existing == null) {
                    fire(l -> l.onCreate(subscriber.id(), s));
                }
                fire(l -> l.onSubscribe(subscriber.id(), s));
            }
            if (Dicts.bool(m.options(), "get_retained", false)) {
                // after joining the subscription: a retained event stored meanwhile is then
                // delivered live, retained, or both; never missed
                sendRetained(subscriber, s);
            }
        }
    }

    public void unsubscribe(RouterSession subscriber, Unsubscribe m) {
        synchronized (this) {
            Subscription s = subscriptions.byId(m.subscription());
            if (s == null || !removeSubscriber(s, subscriber)) {
                subscriber.send(reply(MessageType.UNSUBSCRIBE, m.request(), WampErrors.NO_SUCH_SUBSCRIPTION,
                        "This session has no subscription " + m.subscription() + "."));
                return;
            }
        }
        subscriber.send(new Unsubscribed(m.request()));
    }

    /**
     * Subscription Revocation: removes {@code session} from subscription {@code subscriptionId}
     * on the broker's initiative. A subscriber that announced {@code subscription_revocation}
     * gets {@code [UNSUBSCRIBED, 0, {subscription, reason}]}; others are removed silently (spec).
     *
     * @param reason why, for the subscriber, or {@code null}
     * @return whether the session was subscribed
     */
    public boolean revoke(long subscriptionId, long session, String reason) {
        synchronized (this) {
            Subscription s = subscriptions.byId(subscriptionId);
            if (s == null) {
                return false;
            }
            for (Subscriber sub : s.subscribers()) {
                if (sub.session().id() == session) {
                    revoke(s, sub.session(), reason);
                    return true;
                }
            }
            return false;
        }
    }

    /** Revokes subscription {@code subscriptionId} from all its subscribers; returns how many there were. */
    public int revokeAll(long subscriptionId, String reason) {
        synchronized (this) {
            Subscription s = subscriptions.byId(subscriptionId);
            if (s == null) {
                return 0;
            }
            Subscriber[] all = s.subscribers();
            for (Subscriber sub : all) {
                revoke(s, sub.session(), reason);
            }
            return all.length;
        }
    }

    /** Called under the lock. */
    private void revoke(Subscription s, RouterSession session, String reason) {
        removeSubscriber(s, session);
        HelloDetails hello = session.details().hello();
        if (hello.supports("subscriber", "subscription_revocation")) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subscription", s.id());
            if (reason != null) {
                details.put("reason", reason);
            }
            session.trySend(new Unsubscribed(0, details));
        }
    }

    /** Removes one subscriber (under the lock); false if it was not subscribed. */
    private boolean removeSubscriber(Subscription s, RouterSession subscriber) {
        Set<Subscription> own = bySubscriber.get(subscriber);
        if (own == null || !own.remove(s)) {
            return false;
        }
        if (own.isEmpty()) {
            bySubscriber.remove(subscriber);
        }
        leave(s, subscriber);
        return true;
    }

    /** Takes a subscriber out of a subscription (under the lock), deleting the subscription if it was the last. */
    private void leave(Subscription s, RouterSession subscriber) {
        s.remove(subscriber);
        fire(l -> l.onUnsubscribe(subscriber.id(), s));
        if (s.isEmpty()) {
            subscriptions.remove(s);
            fire(l -> l.onDelete(subscriber.id(), s));
        }
    }

    private void fire(Consumer<SubscriptionListener> event) {
        for (SubscriptionListener l : subscriptionListeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.error("subscription listener {} failed", l, e);
            }
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
        Map<String, Object> options = m.options();
        boolean acknowledge = Dicts.bool(options, "acknowledge", false);
        String topic = m.topic();
        if (!uriCheck.isValid(topic)) {
            refuse(publisher, m, acknowledge, WampErrors.INVALID_URI, "\"" + topic + "\" is not a valid topic URI.");
            return;
        }
        if (isReserved(topic) && !publisher.isRouterInternal()) {
            refuse(publisher, m, acknowledge, WampErrors.INVALID_URI, "\"" + topic
                    + "\" is reserved: URIs beginning with \"wamp.\" belong to the WAMP protocol, only the router publishes there.");
            return;
        }
        AuthIdentity auth = publisher.details().auth();
        boolean passthru = options.get("ppt_scheme") != null || options.get("enc_algo") != null;
        if (passthru && !announcesPassthru(publisher.details().hello())) {
            throw new ProtocolViolation("PUBLISH uses Payload Passthru Mode, but the publisher did not announce "
                    + "the payload_passthru_mode feature in HELLO.");
        }
        boolean discloseMe = Dicts.bool(options, "disclose_me", false);
        Disclosure policy = disclosure.forRole(auth.authrole());
        if (discloseMe && policy == Disclosure.DENY) {
            refuse(publisher, m, acknowledge, WampErrors.OPTION_DISALLOWED_DISCLOSE_ME,
                    "Publishers with authrole \"" + auth.authrole() + "\" may not disclose themselves.");
            return;
        }
        boolean disclose = policy == Disclosure.ALWAYS || discloseMe && policy == Disclosure.ON_REQUEST;

        long publication = Ids.randomId();
        PublicationHook hook = publicationHook;
        PublicationHook.Verdict verdict = hook == null ? PublicationHook.Verdict.DELIVER
                : hook.onPublish(publisher, m, publication);
        if (verdict == PublicationHook.Verdict.REFUSE) {
            return;
        }
        Map<String, Object> details = eventDetails(publisher, auth, disclose, trustLevels.of(topic, auth.authrole()),
                passthru ? options : null);
        BlackWhiteListing listing = BlackWhiteListing.of(options);
        if (Dicts.bool(options, "retain", false) && retained.retains(topic)) {
            // stored before dispatch, so a concurrent get_retained subscriber gets it one way or the other
            retained.retain(topic, publication, details, m.payload(), listing);
        }
        RouterSession excluded = Dicts.bool(options, "exclude_me", true) ? publisher : null;
        Dispatch d = new Dispatch(publication, topic, m.payload(), details, excluded, listing,
                Dicts.string(options, "rkey", null));
        subscriptions.forEachMatch(topic, s -> deliver(s, d));
        if (acknowledge && verdict == PublicationHook.Verdict.DELIVER) {
            publisher.send(new Published(m.request(), publication));
        }
    }

    /** An unacknowledged publication gets no answer, not even an error (spec). */
    private static void refuse(RouterSession publisher, Publish m, boolean acknowledge, String error, String message) {
        if (acknowledge) {
            publisher.send(reply(MessageType.PUBLISH, m.request(), error, message));
        }
    }

    /** Reserved for the WAMP protocol: URIs whose first component is {@code wamp} (Basic Profile, URIs). */
    static boolean isReserved(String uri) {
        return uri.startsWith("wamp") && (uri.length() == 4 || uri.charAt(4) == '.');
    }

    private static boolean announcesPassthru(HelloDetails hello) {
        return hello.supports("publisher", "payload_passthru_mode")
                || hello.supports("publisher", "payload_transparency")
                || hello.supports("publisher", "payload_encryption_cryptobox");
    }

    /** The EVENT.Details every receiver of a publication gets: publisher identity, trust level, passthru attributes. */
    private static Map<String, Object> eventDetails(RouterSession publisher, AuthIdentity auth, boolean disclose,
                                                    int trustlevel, Map<String, Object> passthruOptions) {
        if (!disclose && trustlevel < 0 && passthruOptions == null) {
            return Map.of();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        if (disclose) {
            d.put("publisher", publisher.id());
            d.put("publisher_authid", auth.authid());
            d.put("publisher_authrole", auth.authrole());
        }
        if (trustlevel >= 0) {
            d.put("trustlevel", trustlevel);
        }
        if (passthruOptions != null) {
            for (String key : PASSTHRU_OPTIONS) {
                Object v = passthruOptions.get(key);
                if (v instanceof String) {
                    d.put(key, v);
                }
            }
        }
        return Dicts.freeze(d);
    }

    /**
     * Sends the EVENT of one subscription to its receivers: the subscribers the publication
     * admits, or for a sharded publication the one the resource key chooses among them.
     */
    private void deliver(Subscription s, Dispatch d) {
        Subscriber[] subscribers = s.subscribers();
        Subscriber only = d.shardReceiver(subscribers);
        if (d.isSharded() && only == null) {
            return;
        }
        Event event = null;
        EncodedMessage[] encoded = null; // by Serialization ordinal
        int failed = 0; // bit per Serialization ordinal that could not be encoded
        try {
            for (Subscriber subscriber : subscribers) {
                RouterSession receiver = subscriber.session();
                if (only != null ? subscriber != only : !d.admits(receiver)) {
                    continue;
                }
                Serialization serialization = receiver.serialization();
                int k = serialization.ordinal();
                if (event == null) {
                    event = new Event(s.id(), d.publication, d.detailsFor(s), d.payload);
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
                                d.publication, s.topic(), serialization.id(), serialization.id(), e);
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

    /** Event Retention: sends a new subscriber the retained events it asked for (under the lock). */
    private void sendRetained(RouterSession subscriber, Subscription s) {
        AuthIdentity auth = subscriber.details().auth();
        for (RetainedEvent e : retained.latestFor(s.topic(), s.match(), subscriber.id(), auth.authid(), auth.authrole())) {
            Map<String, Object> details = s.match() == MatchPolicy.EXACT ? e.details() : Dispatch.withTopic(e.details(), e.topic());
            Message event = new Event(s.id(), e.publication(), Dicts.with(details, "retained", true), e.payload());
            EncodedMessage encoded;
            try {
                encoded = EncodedMessage.encode(codecs.apply(subscriber.serialization()), event, allocator);
            } catch (RuntimeException x) {
                log.warn("cannot encode retained EVENT of publication {} on {} as {}", e.publication(), e.topic(),
                        subscriber.serialization().id(), x);
                continue;
            }
            try {
                subscriber.sendEvent(encoded);
            } finally {
                encoded.release();
            }
        }
    }

    // ---------------------------------------------------------------- leaving

    /** Removes a leaving session from all its subscriptions. */
    public synchronized void removeSession(RouterSession session) {
        Set<Subscription> own = bySubscriber.remove(session);
        if (own != null) {
            for (Subscription s : own) {
                leave(s, session);
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

    /** The subscription of exactly this topic or pattern and match policy, or {@code null} (subscription meta API: lookup). */
    public Subscription lookup(String topic, MatchPolicy match) {
        return subscriptions.find(topic, match);
    }

    /** Every subscription an event published to {@code topic} would go to (subscription meta API: match). */
    public List<Subscription> matching(String topic) {
        List<Subscription> out = new ArrayList<>();
        subscriptions.forEachMatch(topic, out::add);
        return out;
    }

    /** How many sessions have subscriptions (for checking that leaving sessions are forgotten). */
    public synchronized int subscriberCount() {
        return bySubscriber.size();
    }
}
