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

    /**
     * Sharded subscription: the resource key. The broker delivers the event to one subscriber per
     * subscription, chosen stably from this key among the subscribers' node keys
     * ({@link SubscribeOptions#nkey}).
     */
    public PublishOptions rkey(String resourceKey) {
        return option("rkey", resourceKey);
    }

    /**
     * Payload Passthru Mode: the payload scheme ({@code wamp} for end-to-end encryption,
     * {@code mqtt}, or a custom {@code x_...} one). The router passes the payload on untouched;
     * it must be a single {@code byte[]} argument and no keyword arguments.
     */
    public PublishOptions pptScheme(String scheme) {
        return option("ppt_scheme", scheme);
    }

    /** Payload Passthru Mode: the serializer that produced the payload bytes ({@code cbor}, {@code native}, ...). */
    public PublishOptions pptSerializer(String serializer) {
        return option("ppt_serializer", serializer);
    }

    /** Payload Passthru Mode: the cipher that encrypted the payload ({@code xsalsa20poly1305}, {@code aes256gcm}). */
    public PublishOptions pptCipher(String cipher) {
        return option("ppt_cipher", cipher);
    }

    /** Payload Passthru Mode: the ID of the key that encrypted the payload. */
    public PublishOptions pptKeyId(String keyId) {
        return option("ppt_keyid", keyId);
    }

    /** Whether {@code ppt_scheme} is set (Payload Passthru Mode). */
    public boolean isPassthru() {
        return toMap().get("ppt_scheme") != null;
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
