package io.junction.router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ticket authentication: the client sends a ticket (a password or token) in AUTHENTICATE.
 *
 * @param principals    authid → ticket and role (static); empty with a dynamic authenticator
 * @param authenticator the dynamic authenticator that checks tickets, or {@code null}
 */
public record TicketAuthConfig(Map<String, Principal> principals, DynamicAuthenticatorConfig authenticator)
        implements AuthMethodConfig {

    public static final String METHOD = "ticket";

    public TicketAuthConfig {
        principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals)); // in file order
    }

    /** A principal of the config: its ticket and the role it joins with. */
    public record Principal(String ticket, String role) {
        @Override
        public String toString() {
            return "Principal[role=" + role + "]"; // never the ticket
        }
    }

    @Override
    public String method() {
        return METHOD;
    }
}
