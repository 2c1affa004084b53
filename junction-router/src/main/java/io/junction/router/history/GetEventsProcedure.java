package io.junction.router.history;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Payload;
import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.Uris;
import io.junction.router.broker.Broker;
import io.junction.router.broker.Subscription;
import io.junction.router.history.store.EventQuery;
import io.junction.router.history.store.StoredEvent;
import io.junction.router.history.store.TopicFilter;
import io.junction.router.history.store.UnknownPublicationException;
import io.junction.router.meta.MetaCall;
import io.junction.router.meta.Rfc3339;
import io.junction.router.meta.MetaException;
import io.junction.router.meta.MetaProcedure;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code wamp.subscription.get_events(subscription, ...)}: the history of a subscription, that
 * is the kept events whose topic it matches, filtered as the keyword arguments say, each as the
 * spec's event object with an RFC 3339 {@code timestamp}. Events published with authid/authrole
 * black or white lists are given only to callers those lists would have let subscribe.
 */
public final class GetEventsProcedure implements MetaProcedure {

    public static final String PROCEDURE = "wamp.subscription.get_events";

    private static final Set<String> KEYWORDS = Set.of("reverse", "limit", "from_time", "after_time", "before_time",
            "until_time", "topic", "from_publication", "after_publication", "before_publication", "until_publication");

    private final Broker broker;
    private final EventHistory history; // null: the realm keeps no history
    private final int maxPage;

    public GetEventsProcedure(Broker broker, EventHistory history, int maxPage) {
        this.broker = broker;
        this.history = history;
        this.maxPage = maxPage;
    }

    @Override
    public CompletionStage<Payload> invoke(MetaCall call) {
        long id = call.id(0, "subscription");
        Subscription s = broker.subscription(id);
        if (s == null) {
            throw new MetaException(WampErrors.NO_SUCH_SUBSCRIPTION, "No subscription " + id + " exists.");
        }
        EventQuery query = query(call, s.topic(), s.match(), maxPage);
        if (history == null) {
            return CompletableFuture.completedFuture(Payload.of(List.of(List.of())));
        }
        return history.query(query).handle((events, failure) -> {
            if (failure != null) {
                throw translate(failure);
            }
            return Payload.of(List.of(objects(events, s)));
        });
    }

    /** The query a call asks for, on the history of a subscription to {@code pattern}. */
    static EventQuery query(MetaCall call, String pattern, MatchPolicy match, int maxPage) {
        Map<String, Object> kw = call.kwargs();
        for (String key : kw.keySet()) {
            if (!KEYWORDS.contains(key)) {
                throw MetaCall.invalid("unknown keyword argument " + key + " (known: "
                        + String.join(", ", KEYWORDS.stream().sorted().toList()) + ")");
            }
        }
        boolean reverse = bool(kw, "reverse");
        long limit = positive(kw, "limit", maxPage);
        String topic = topic(kw);
        long fromTime = Long.MIN_VALUE;
        long untilTime = Long.MAX_VALUE;
        // Stored timestamps are milliseconds; a bound with a finer fraction is rounded so that
        // each comparison keeps its meaning (>=, >, <, <=).
        Instant t;
        if ((t = time(kw, "from_time")) != null) {
            fromTime = Math.max(fromTime, ceilMillis(t));
        }
        if ((t = time(kw, "after_time")) != null) {
            fromTime = Math.max(fromTime, t.toEpochMilli() + 1);
        }
        if ((t = time(kw, "before_time")) != null) {
            untilTime = Math.min(untilTime, ceilMillis(t) - 1);
        }
        if ((t = time(kw, "until_time")) != null) {
            untilTime = Math.min(untilTime, t.toEpochMilli());
        }
        String authid = call.callerAuthid();
        String authrole = call.callerAuthrole();
        return new EventQuery(new TopicFilter(pattern, match, topic), reverse, (int) Math.min(limit, maxPage),
                fromTime, untilTime,
                publication(kw, "from_publication"), publication(kw, "after_publication"),
                publication(kw, "before_publication"), publication(kw, "until_publication"),
                e -> e.audience() == null || e.audience().admits(authid, authrole));
    }

    private static long ceilMillis(Instant t) {
        long millis = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    private static boolean bool(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw MetaCall.invalid(key + " must be true or false, got " + MetaCall.describe(v));
        }
        return b;
    }

    private static long positive(Map<String, Object> kw, String key, long defaultValue) {
        Object v = kw.get(key);
        if (v == null) {
            return defaultValue;
        }
        Long l = MetaCall.integer(v);
        if (l == null || l < 1) {
            throw MetaCall.invalid(key + " must be a positive integer, got " + MetaCall.describe(v));
        }
        return l;
    }

    private static long publication(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return 0;
        }
        Long l = MetaCall.integer(v);
        if (l == null || !Ids.isValid(l)) {
            throw MetaCall.invalid(key + " must be a publication ID (an integer in [1, 2^53]), got " + MetaCall.describe(v));
        }
        return l;
    }

    private static Instant time(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            try {
                Instant t = Rfc3339.parse(s);
                t.toEpochMilli(); // within the range of stored timestamps
                return t;
            } catch (DateTimeParseException | ArithmeticException e) {
                // not a usable timestamp
            }
        }
        throw MetaCall.invalid(key + " must be an RFC 3339 timestamp such as 2024-05-01T12:00:00.000Z, got "
                + MetaCall.describe(v));
    }

    private static String topic(Map<String, Object> kw) {
        Object v = kw.get("topic");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || !Uris.isValid(s, false, false)) {
            throw new MetaException(WampErrors.INVALID_URI, "topic must be a valid topic URI, got " + MetaCall.describe(v) + ".");
        }
        return s;
    }

    private static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UnknownPublicationException u) {
            return MetaCall.invalid("publication " + u.publication() + " is not in the event history (never kept, or no longer)");
        }
        if (cause instanceof RejectedExecutionException) {
            return new MetaException(WampErrors.UNAVAILABLE, "Too many event history queries are waiting; try again later.");
        }
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    /** The spec's event objects. */
    private static List<Object> objects(List<StoredEvent> events, Subscription s) {
        List<Object> out = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (s.match() != MatchPolicy.EXACT) {
                details.put("topic", e.topic());
            }
            if (e.publisher() != null) {
                details.put("publisher", e.publisher().session());
                details.put("publisher_authid", e.publisher().authid());
                details.put("publisher_authrole", e.publisher().authrole());
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("timestamp", Rfc3339.format(e.timestamp()));
            o.put("subscription", s.id());
            o.put("publication", e.publication());
            o.put("details", details);
            Payload p = e.payload();
            if (p.hasArgs()) {
                o.put("args", p.args() == null ? List.of() : p.args());
            }
            if (p.hasKwargs()) {
                o.put("kwargs", p.kwargs());
            }
            out.add(o);
        }
        return out;
    }
}
