package io.junction.router.dealer;

import io.junction.router.session.RouterSession;
import io.junction.core.uri.MatchPolicy;

/** A procedure registered by one callee. */
public final class Registration {

    private final long id;
    private final String procedure;
    private final MatchPolicy match;
    private final RouterSession callee;

    Registration(long id, String procedure, MatchPolicy match, RouterSession callee) {
        this.id = id;
        this.procedure = procedure;
        this.match = match;
        this.callee = callee;
    }

    public long id() {
        return id;
    }

    public String procedure() {
        return procedure;
    }

    public MatchPolicy match() {
        return match;
    }

    public RouterSession callee() {
        return callee;
    }

    @Override
    public String toString() {
        return "Registration[" + id + ", " + procedure + ", callee " + callee.id() + "]";
    }
}
