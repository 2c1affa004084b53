package io.junction.router.testament;

import io.junction.core.message.Payload;

import java.util.Map;

/**
 * A publication a session left behind, to be made when it goes away.
 *
 * @param options the publish options, as given ({@code acknowledge} removed)
 * @param size    what the testament counts against the session's byte limit
 */
public record Testament(String topic, Map<String, Object> options, Payload payload, long size) {
}
