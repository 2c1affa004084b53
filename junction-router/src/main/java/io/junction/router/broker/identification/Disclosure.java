package io.junction.router.broker.identification;

/** What the broker does with a publisher's identity (Publisher Identification). */
public enum Disclosure {

    /** Disclosed when the publisher asks for it with {@code disclose_me} (the spec's default). */
    ON_REQUEST,
    /** Always disclosed, whether the publisher asks or not. */
    ALWAYS,
    /** Never disclosed: a publication that asks fails with {@code wamp.error.option_disallowed.disclose_me}. */
    DENY
}
