package io.junction.router.auth.cookie;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cookies of one realm that authenticated someone, by cookie ID (the SHA-256 of the value; the
 * values themselves are never kept): who each authenticated and until when. In memory, bounded:
 * expired bindings are dropped when met, and beyond {@code maxCookies} the oldest go first.
 * Used at join time only, never on the message path, so one lock is fine.
 */
final class CookieStore {

    /** Whom a cookie stands for. */
    record Principal(String authid, String authrole) {
    }

    private record Binding(Principal principal, Instant expires) {
    }

    private final Duration maxAge;
    private final int maxCookies;
    private final Clock clock;
    private final LinkedHashMap<String, Binding> bindings = new LinkedHashMap<>();

    CookieStore(Duration maxAge, int maxCookies, Clock clock) {
        this.maxAge = maxAge;
        this.maxCookies = maxCookies;
        this.clock = clock;
    }

    /** The principal the cookie authenticated, if it did so within {@code maxAge}. */
    synchronized Principal lookup(String cookieId) {
        Binding b = bindings.get(cookieId);
        if (b == null) {
            return null;
        }
        if (!clock.instant().isBefore(b.expires())) {
            bindings.remove(cookieId);
            return null;
        }
        return b.principal();
    }

    /** The cookie now stands for {@code principal} (replacing whom it stood for before), for {@code maxAge}. */
    synchronized void bind(String cookieId, Principal principal) {
        bindings.remove(cookieId); // re-inserted last: the newest binding
        bindings.put(cookieId, new Binding(principal, clock.instant().plus(maxAge)));
        dropExpiredAndOldest();
    }

    synchronized int size() {
        return bindings.size();
    }

    private void dropExpiredAndOldest() {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Binding>> it = bindings.entrySet().iterator();
        // oldest first: all bindings share maxAge, so the expired ones are at the front
        while (it.hasNext()) {
            Map.Entry<String, Binding> e = it.next();
            if (bindings.size() > maxCookies || !now.isBefore(e.getValue().expires())) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
