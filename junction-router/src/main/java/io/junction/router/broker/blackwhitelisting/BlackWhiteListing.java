package io.junction.router.broker.blackwhitelisting;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subscriber Black- and Whitelisting: the receivers a publisher allowed with {@code eligible},
 * {@code eligible_authid} and {@code eligible_authrole}, minus those it ruled out with
 * {@code exclude}, {@code exclude_authid} and {@code exclude_authrole}. Each present list is one
 * of the spec's six conditions; a subscriber receives the event only if it meets all of them. A
 * list that is present but empty admits nobody (eligible) or rules out nobody (exclude).
 *
 * <p>Immutable; {@link #admits} allocates nothing, since the broker calls it for every subscriber.
 */
public final class BlackWhiteListing {

    private static final String[] KEYS = {"eligible", "eligible_authid", "eligible_authrole",
            "exclude", "exclude_authid", "exclude_authrole"};

    // null: the option is absent
    private final long[] eligible;
    private final Set<String> eligibleAuthid;
    private final Set<String> eligibleAuthrole;
    private final long[] exclude;
    private final Set<String> excludeAuthid;
    private final Set<String> excludeAuthrole;

    private BlackWhiteListing(Map<String, Object> options) {
        eligible = ids(options.get("eligible"));
        eligibleAuthid = strings(options.get("eligible_authid"));
        eligibleAuthrole = strings(options.get("eligible_authrole"));
        exclude = ids(options.get("exclude"));
        excludeAuthid = strings(options.get("exclude_authid"));
        excludeAuthrole = strings(options.get("exclude_authrole"));
    }

    /**
     * The lists in PUBLISH options (already type-checked by message validation), or {@code null}
     * if the publication names none: then every subscriber is a receiver.
     */
    public static BlackWhiteListing of(Map<String, Object> options) {
        if (options.isEmpty()) {
            return null;
        }
        for (String key : KEYS) {
            if (options.get(key) != null) {
                return new BlackWhiteListing(options);
            }
        }
        return null;
    }

    /** Whether a subscriber with this session ID, authid and authrole may receive the event. */
    public boolean admits(long session, String authid, String authrole) {
        return (eligible == null || Arrays.binarySearch(eligible, session) >= 0)
                && (eligibleAuthid == null || eligibleAuthid.contains(authid))
                && (eligibleAuthrole == null || eligibleAuthrole.contains(authrole))
                && (exclude == null || Arrays.binarySearch(exclude, session) < 0)
                && (excludeAuthid == null || !excludeAuthid.contains(authid))
                && (excludeAuthrole == null || !excludeAuthrole.contains(authrole));
    }

    private static long[] ids(Object list) {
        if (!(list instanceof List<?> l)) {
            return null;
        }
        long[] ids = new long[l.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) l.get(i)).longValue();
        }
        Arrays.sort(ids);
        return ids;
    }

    private static Set<String> strings(Object list) {
        if (!(list instanceof List<?> l)) {
            return null;
        }
        Set<String> set = new HashSet<>(l.size() * 2);
        for (Object o : l) {
            set.add((String) o);
        }
        return set;
    }
}
