package io.junction.router.authorization;

import io.junction.router.session.SessionDetails;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Decides what the sessions of one role may do. */
interface RoleAuthorizer {

    /**
     * The decision, when it is known without asking anyone; {@code null} when {@link #ask} must be
     * used. Runs on the session's event loop for every request: must be quick and allocation-free.
     */
    Decision decide(Action action, String uri);

    /** Asks for a decision that {@link #decide} could not give (a dynamic authorizer). */
    CompletionStage<Decision> ask(SessionDetails session, Action action, String uri, Map<String, Object> options);
}
