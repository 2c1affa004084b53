package io.junction.router.broker;

import io.junction.core.message.Payload;

import java.util.Map;

/**
 * A publication the broker accepted.
 *
 * @param topic             the concrete topic
 * @param publication       the publication ID its EVENTs carry
 * @param payload           the payload, as published (possibly raw: see {@link Payload})
 * @param options           the PUBLISH options, as the publisher sent them
 * @param publisher         the publisher's session ID
 * @param publisherAuthid   the publisher's authid
 * @param publisherAuthrole the publisher's authrole
 */
public record PublishedEvent(String topic, long publication, Payload payload, Map<String, Object> options,
                             long publisher, String publisherAuthid, String publisherAuthrole) {
}
