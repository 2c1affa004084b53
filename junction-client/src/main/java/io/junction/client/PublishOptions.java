package io.junction.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Options of a PUBLISH. */
public final class PublishOptions extends Options<PublishOptions> {

    public PublishOptions() {
        super(Map.of());
    }

    private PublishOptions(Map<String, Object> options) {
        super(options);
    }

    /** The broker confirms the publication (PUBLISHED) or reports why it refused it (ERROR). */
    public PublishOptions acknowledge(boolean acknowledge) {
        return option("acknowledge", acknowledge);
    }

    /** {@code false}: the publisher receives its own event if it is subscribed. */
    public PublishOptions excludeMe(boolean excludeMe) {
        return option("exclude_me", excludeMe);
    }

    /** Sessions that must not receive the event. */
    public PublishOptions exclude(long... sessionIds) {
        return option("exclude", ids(sessionIds));
    }

    public PublishOptions excludeAuthId(String... authIds) {
        return option("exclude_authid", List.of(authIds));
    }

    public PublishOptions excludeAuthRole(String... authRoles) {
        return option("exclude_authrole", List.of(authRoles));
    }

    /** Only these sessions may receive the event. */
    public PublishOptions eligible(long... sessionIds) {
        return option("eligible", ids(sessionIds));
    }

    public PublishOptions eligibleAuthId(String... authIds) {
        return option("eligible_authid", List.of(authIds));
    }

    public PublishOptions eligibleAuthRole(String... authRoles) {
        return option("eligible_authrole", List.of(authRoles));
    }

    /** Asks the broker to tell subscribers who published (publisher identification). */
    public PublishOptions discloseMe(boolean discloseMe) {
        return option("disclose_me", discloseMe);
    }

    /** Event retention: the broker keeps this event for subscribers that ask for it on subscribing. */
    public PublishOptions retain(boolean retain) {
        return option("retain", retain);
    }

    /** Whether {@code acknowledge} is set to true. */
    public boolean isAcknowledged() {
        return Boolean.TRUE.equals(toMap().get("acknowledge"));
    }

    private static List<Long> ids(long[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    @Override
    protected PublishOptions create(Map<String, Object> options) {
        return new PublishOptions(options);
    }
}
