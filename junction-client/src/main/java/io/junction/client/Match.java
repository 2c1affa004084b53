package io.junction.client;

/** How a registration's procedure or a subscription's topic URI matches (Advanced Profile pattern matching). */
public enum Match {
    EXACT("exact"),
    PREFIX("prefix"),
    WILDCARD("wildcard");

    private final String wireName;

    Match(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code match} option. */
    public String wireName() {
        return wireName;
    }
}
