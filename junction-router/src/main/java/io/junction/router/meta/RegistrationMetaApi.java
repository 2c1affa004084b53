package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Payload;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.dealer.Dealer;
import io.junction.router.dealer.Registration;
import io.junction.router.dealer.RegistrationListener;
import io.junction.router.session.InternalSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Registration Meta API of one realm: the {@code wamp.registration.on_create},
 * {@code on_register}, {@code on_unregister} and {@code on_delete} events (published as the
 * Dealer reports them, in its order), and the {@code wamp.registration.*} procedures, which read
 * the Dealer's lock-free tables.
 */
final class RegistrationMetaApi implements RegistrationListener {

    private final Dealer dealer;
    private final InternalSession meta;

    RegistrationMetaApi(Dealer dealer, InternalSession meta) {
        this.dealer = dealer;
        this.meta = meta;
    }

    void register(MetaRegistry procedures) {
        procedures.add("wamp.registration.list", MetaProcedure.of(this::list));
        procedures.add("wamp.registration.lookup", MetaProcedure.of(this::lookup));
        procedures.add("wamp.registration.match", MetaProcedure.of(this::match));
        procedures.add("wamp.registration.get", MetaProcedure.of(this::get));
        procedures.add("wamp.registration.list_callees", MetaProcedure.of(this::listCallees));
        procedures.add("wamp.registration.count_callees", MetaProcedure.of(this::countCallees));
    }

    // ---------------------------------------------------------------- events (under the dealer's lock)

    @Override
    public void onCreate(long session, Registration r) {
        meta.publish("wamp.registration.on_create", Map.of(), Payload.of(List.of(session, describe(r))));
    }

    @Override
    public void onRegister(long session, Registration r) {
        meta.publish("wamp.registration.on_register", Map.of(), Payload.of(List.of(session, r.id())));
    }

    @Override
    public void onUnregister(long session, Registration r) {
        meta.publish("wamp.registration.on_unregister", Map.of(), Payload.of(List.of(session, r.id())));
    }

    @Override
    public void onDelete(long session, Registration r) {
        meta.publish("wamp.registration.on_delete", Map.of(), Payload.of(List.of(session, r.id())));
    }

    /** The spec's {@code RegistrationDetails}. */
    static Map<String, Object> describe(Registration r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", r.id());
        d.put("created", Rfc3339.format(r.created().toEpochMilli()));
        d.put("uri", r.procedure());
        d.put("match", r.match().option());
        d.put("invoke", r.invoke().option());
        return d;
    }

    // ---------------------------------------------------------------- procedures

    private Payload list(MetaCall call) {
        Map<String, Object> lists = new LinkedHashMap<>();
        for (MatchPolicy m : MatchPolicy.values()) {
            lists.put(m.option(), new ArrayList<>());
        }
        for (Registration r : dealer.registrations()) {
            @SuppressWarnings("unchecked")
            List<Object> ids = (List<Object>) lists.get(r.match().option());
            ids.add(r.id());
        }
        return Payload.of(List.of(lists));
    }

    private Payload lookup(MetaCall call) {
        String procedure = call.string(0, "procedure");
        MatchPolicy match = MetaApi.matchOption(call.dict(1, "options"));
        Registration r = dealer.lookup(procedure, match);
        return nullable(r == null ? null : r.id());
    }

    private Payload match(MetaCall call) {
        Registration r = dealer.match(call.string(0, "procedure"));
        return nullable(r == null ? null : r.id());
    }

    private Payload get(MetaCall call) {
        return Payload.of(List.of(describe(registration(call))));
    }

    private Payload listCallees(MetaCall call) {
        return Payload.of(List.of(registration(call).callees().stream().map(c -> c.session().id()).toList()));
    }

    private Payload countCallees(MetaCall call) {
        return Payload.of(List.of((long) registration(call).callees().size()));
    }

    private Registration registration(MetaCall call) {
        long id = call.id(0, "registration");
        Registration r = dealer.registration(id);
        if (r == null) {
            throw new MetaException(WampErrors.NO_SUCH_REGISTRATION, "No registration " + id + " exists.");
        }
        return r;
    }

    /** A single result that may be {@code null}. */
    static Payload nullable(Object value) {
        return Payload.of(Arrays.asList(value));
    }
}
