package io.junction.router.dealer;

import io.junction.router.session.HelloDetails;
import io.junction.router.session.RouterSession;

/** The Advanced Profile RPC features, as peers announce them in HELLO and the dealer in WELCOME. */
public final class Features {

    public static final String PROGRESSIVE_CALL_RESULTS = "progressive_call_results";
    public static final String PROGRESSIVE_CALL_INVOCATIONS = "progressive_call_invocations";
    public static final String CALL_TIMEOUT = "call_timeout";
    public static final String CALL_CANCELING = "call_canceling";
    /** The spelling the Progressive Call Invocations section uses; accepted from peers as {@link #CALL_CANCELING}. */
    static final String CALL_CANCELLING = "call_cancelling";
    public static final String CALL_REROUTE = "call_reroute";
    public static final String CALLER_IDENTIFICATION = "caller_identification";
    public static final String CALL_TRUSTLEVELS = "call_trustlevels";
    public static final String PATTERN_BASED_REGISTRATION = "pattern_based_registration";
    public static final String SHARED_REGISTRATION = "shared_registration";
    public static final String SHARDED_REGISTRATION = "sharded_registration";
    public static final String REGISTRATION_REVOCATION = "registration_revocation";

    private Features() {
    }

    /** Whether {@code session} announced {@code feature} for {@code role} (either spelling of call canceling). */
    public static boolean announced(RouterSession session, String role, String feature) {
        HelloDetails hello = session.details() == null ? null : session.details().hello();
        if (hello == null) {
            return false;
        }
        return hello.supports(role, feature) || CALL_CANCELING.equals(feature) && hello.supports(role, CALL_CANCELLING);
    }
}
