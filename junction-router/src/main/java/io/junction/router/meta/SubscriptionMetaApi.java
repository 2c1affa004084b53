package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Payload;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.broker.Broker;
import io.junction.router.broker.Subscription;
import io.junction.router.broker.SubscriptionListener;
import io.junction.router.session.InternalSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Subscription Meta API of one realm: the {@code wamp.subscription.on_create},
 * {@code on_subscribe}, {@code on_unsubscribe} and {@code on_delete} events (published as the
 * Broker reports them, in its order), and the {@code wamp.subscription.*} procedures, which read
 * the Broker's lock-free tables.
 */
final class SubscriptionMetaApi implements SubscriptionListener {

    private final Broker broker;
    private final InternalSession meta;

    SubscriptionMetaApi(Broker broker, InternalSession meta) {
        this.broker = broker;
        this.meta = meta;
    }

    void register(MetaRegistry procedures) {
        procedures.add("wamp.subscription.list", MetaProcedure.of(this::list));
        procedures.add("wamp.subscription.lookup", MetaProcedure.of(this::lookup));
        procedures.add("wamp.subscription.match", MetaProcedure.of(this::match));
        procedures.add("wamp.subscription.get", MetaProcedure.of(this::get));
        procedures.add("wamp.subscription.list_subscribers", MetaProcedure.of(this::listSubscribers));
        procedures.add("wamp.subscription.count_subscribers", MetaProcedure.of(this::countSubscribers));
    }

    // ---------------------------------------------------------------- events (under the broker's lock)

    @Override
    public void onCreate(long session, Subscription s) {
        meta.publish("wamp.subscription.on_create", Map.of(), Payload.of(List.of(session, describe(s))));
    }

    @Override
    public void onSubscribe(long session, Subscription s) {
        meta.publish("wamp.subscription.on_subscribe", Map.of(), Payload.of(List.of(session, s.id())));
    }

    @Override
    public void onUnsubscribe(long session, Subscription s) {
        meta.publish("wamp.subscription.on_unsubscribe", Map.of(), Payload.of(List.of(session, s.id())));
    }

    @Override
    public void onDelete(long session, Subscription s) {
        meta.publish("wamp.subscription.on_delete", Map.of(), Payload.of(List.of(session, s.id())));
    }

    /** The spec's {@code SubscriptionDetails}. */
    static Map<String, Object> describe(Subscription s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", s.id());
        d.put("created", Rfc3339.format(s.created().toEpochMilli()));
        d.put("uri", s.topic());
        d.put("match", s.match().option());
        return d;
    }

    // ---------------------------------------------------------------- procedures

    private Payload list(MetaCall call) {
        Map<String, Object> lists = new LinkedHashMap<>();
        for (MatchPolicy m : MatchPolicy.values()) {
            lists.put(m.option(), new ArrayList<>());
        }
        for (Subscription s : broker.subscriptions()) {
            @SuppressWarnings("unchecked")
            List<Object> ids = (List<Object>) lists.get(s.match().option());
            ids.add(s.id());
        }
        return Payload.of(List.of(lists));
    }

    private Payload lookup(MetaCall call) {
        String topic = call.string(0, "topic");
        MatchPolicy match = MetaApi.matchOption(call.dict(1, "options"));
        Subscription s = broker.lookup(topic, match);
        return RegistrationMetaApi.nullable(s == null ? null : s.id());
    }

    private Payload match(MetaCall call) {
        List<Long> ids = broker.matching(call.string(0, "topic")).stream().map(Subscription::id).toList();
        return RegistrationMetaApi.nullable(ids.isEmpty() ? null : ids);
    }

    private Payload get(MetaCall call) {
        return Payload.of(List.of(describe(subscription(call))));
    }

    private Payload listSubscribers(MetaCall call) {
        return Payload.of(List.of(Arrays.stream(subscription(call).subscriberIds()).boxed().toList()));
    }

    private Payload countSubscribers(MetaCall call) {
        return Payload.of(List.of((long) subscription(call).subscriberCount()));
    }

    private Subscription subscription(MetaCall call) {
        long id = call.id(0, "subscription");
        Subscription s = broker.subscription(id);
        if (s == null) {
            throw new MetaException(WampErrors.NO_SUCH_SUBSCRIPTION, "No subscription " + id + " exists.");
        }
        return s;
    }
}
