package io.junction.router.authorization;

/**
 * An authorizer's answer for one action on one URI.
 *
 * @param allowed  whether the action may proceed
 * @param disclose for CALL and PUBLISH: whether the router discloses the caller's or publisher's
 *                 identity to callees or subscribers, whatever the client asked
 * @param cache    whether the answer holds for later requests of the same session, action and URI
 */
public record Decision(boolean allowed, boolean disclose, boolean cache) {

    private static final Decision[] ALL = new Decision[8];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new Decision((i & 4) != 0, (i & 2) != 0, (i & 1) != 0);
        }
    }

    public static final Decision ALLOW = of(true, false, true);
    public static final Decision DENY = of(false, false, true);

    /** One of eight shared instances: deciding never allocates. */
    public static Decision of(boolean allowed, boolean disclose, boolean cache) {
        return ALL[(allowed ? 4 : 0) | (disclose ? 2 : 0) | (cache ? 1 : 0)];
    }
}
