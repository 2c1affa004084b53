package io.junction.router.broker.identification;

import java.util.Map;

/**
 * Whether a publisher's identity is disclosed to subscribers, by the publisher's authrole. The
 * realm configuration provides one ({@link #of}); authorization may provide richer ones.
 */
@FunctionalInterface
public interface PublisherDisclosure {

    /** Publishers are disclosed exactly when they ask. */
    PublisherDisclosure ON_REQUEST = authrole -> Disclosure.ON_REQUEST;

    /** How publications of sessions with {@code authrole} are treated. */
    Disclosure forRole(String authrole);

    /** {@code byRole} for the roles it names, {@code otherwise} for the rest. */
    static PublisherDisclosure of(Disclosure otherwise, Map<String, Disclosure> byRole) {
        if (byRole.isEmpty()) {
            return otherwise == Disclosure.ON_REQUEST ? ON_REQUEST : authrole -> otherwise;
        }
        Map<String, Disclosure> roles = Map.copyOf(byRole);
        return authrole -> roles.getOrDefault(authrole, otherwise);
    }
}
