package io.junction.router.meta;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.config.RealmConfig;
import io.junction.router.history.EventHistory;
import io.junction.router.history.GetEventsProcedure;
import io.junction.router.realm.Realm;
import io.junction.router.session.InternalSession;
import io.junction.router.testament.TestamentProcedures;
import io.junction.router.testament.Testaments;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The router-provided procedures and meta events of one realm, served by the realm's
 * {@link InternalSession}: the session, registration and subscription meta APIs, testaments and
 * {@code wamp.subscription.get_events}.
 */
public final class MetaApi {

    private final InternalSession session;
    private final Testaments testaments;
    private final CompletableFuture<Void> ready;

    private MetaApi(InternalSession session, Realm realm, RealmConfig config, EventHistory history) {
        this.session = session;
        testaments = new Testaments(config.testaments());

        SessionMetaApi sessions = new SessionMetaApi(realm, session, testaments);
        realm.addSessionListener(sessions);
        RegistrationMetaApi registrations = new RegistrationMetaApi(realm.dealer(), session);
        realm.dealer().addRegistrationListener(registrations);
        SubscriptionMetaApi subscriptions = new SubscriptionMetaApi(realm.broker(), session);
        realm.broker().addSubscriptionListener(subscriptions);

        MetaRegistry procedures = new MetaRegistry(session);
        sessions.register(procedures);
        registrations.register(procedures);
        subscriptions.register(procedures);
        new TestamentProcedures(realm, config.uriCheck(), testaments).register(procedures);
        procedures.add(GetEventsProcedure.PROCEDURE,
                new GetEventsProcedure(realm.broker(), history, config.history().maxPage()));
        ready = session.welcomed().toCompletableFuture().thenCompose(id -> procedures.done());
    }

    /**
     * Starts the meta API of {@code realm}, served by {@code session} (the realm's internal session);
     * {@link #ready()} completes when all its procedures are registered.
     */
    public static MetaApi start(InternalSession session, Realm realm, RealmConfig config, EventHistory history) {
        return new MetaApi(session, realm, config, history);
    }

    /**
     * The match policy of the options of a lookup (the options of REGISTER or SUBSCRIBE):
     * {@code exact} when absent.
     */
    static MatchPolicy matchOption(Map<String, Object> options) {
        Object match = options == null ? null : options.get("match");
        if (match == null) {
            return MatchPolicy.EXACT;
        }
        for (MatchPolicy p : MatchPolicy.values()) {
            if (p.option().equals(match)) {
                return p;
            }
        }
        throw MetaCall.invalid("options.match must be \"exact\", \"prefix\" or \"wildcard\", got " + MetaCall.describe(match));
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    public InternalSession session() {
        return session;
    }

    /** The testaments of the realm's sessions; use on the internal session's event loop only. */
    public Testaments testaments() {
        return testaments;
    }
}
