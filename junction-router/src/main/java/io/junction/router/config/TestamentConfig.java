package io.junction.router.config;

/**
 * Limits on the testaments ({@code wamp.session.add_testament}) one session may leave.
 *
 * @param maxPerSession the most testaments one session holds, both scopes together
 * @param maxBytes      the most bytes one session's testaments take together (topic, arguments and
 *                      options, as encoded in CBOR)
 */
public record TestamentConfig(int maxPerSession, long maxBytes) {

    public TestamentConfig {
        if (maxPerSession < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("testament limits must not be negative");
        }
    }

    public static TestamentConfig defaults() {
        return new TestamentConfig(32, 64 << 10);
    }
}
