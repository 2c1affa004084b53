package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.message.Dicts;

import java.util.List;
import java.util.Map;

/** A call of one of this session's registrations, as its handler sees it. */
public final class Invocation extends Arguments {

    private final Registration registration;
    private final String procedure;
    private final Map<String, Object> details;

    public Invocation(Registration registration, String procedure, List<Object> args, Map<String, Object> kwargs,
                      Map<String, Object> details, ObjectMapper mapper) {
        super(args, kwargs, mapper);
        this.registration = registration;
        this.procedure = procedure;
        this.details = details == null ? Map.of() : details;
    }

    public Registration registration() {
        return registration;
    }

    /** The concrete procedure URI called: for a pattern-based registration, the URI the caller used. */
    public String procedure() {
        return procedure;
    }

    /** The INVOCATION's details dict, never {@code null}. */
    public Map<String, Object> details() {
        return details;
    }

    /** The caller's session ID, if the caller disclosed itself; else {@code null}. */
    public Long caller() {
        Object v = details.get("caller");
        return v instanceof Number n ? n.longValue() : null;
    }

    public String callerAuthId() {
        return Dicts.string(details, "caller_authid", null);
    }

    public String callerAuthRole() {
        return Dicts.string(details, "caller_authrole", null);
    }

    @Override
    public String toString() {
        return "Invocation[procedure=" + procedure + ", args=" + Dicts.toString(args())
                + ", kwargs=" + Dicts.toString(kwargs()) + "]";
    }
}
