package io.junction.router.dealer;

import io.junction.core.uri.MatchPolicy;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dealer's registrations, looked up without locks by procedure URI (on every CALL) and by ID.
 * Mutations happen under the dealer's lock. Exact matching only for now; prefix and wildcard
 * registrations will get their own tries here, consulted by {@link #match} after the exact map.
 */
final class RegistrationTable {

    private final ConcurrentHashMap<String, Registration> exact = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Registration> byId = new ConcurrentHashMap<>();

    /** The registration a CALL to {@code procedure} goes to, or {@code null}. */
    Registration match(String procedure) {
        return exact.get(procedure);
    }

    /** The registration of exactly this procedure and match policy, or {@code null}. */
    Registration find(String procedure, MatchPolicy match) {
        return match == MatchPolicy.EXACT ? exact.get(procedure) : null;
    }

    Registration byId(long id) {
        return byId.get(id);
    }

    boolean containsId(long id) {
        return byId.containsKey(id);
    }

    void add(Registration r) {
        byId.put(r.id(), r);
        exact.put(r.procedure(), r);
    }

    void remove(Registration r) {
        byId.remove(r.id(), r);
        exact.remove(r.procedure(), r);
    }

    Collection<Registration> all() {
        return Collections.unmodifiableCollection(byId.values());
    }
}
