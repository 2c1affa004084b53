package io.junction.router.uri;

/** The {@code match} option of SUBSCRIBE and REGISTER. */
public enum MatchPolicy {
    EXACT("exact"),
    PREFIX("prefix"),
    WILDCARD("wildcard");

    private final String wireName;

    MatchPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code match} option. */
    public String wireName() {
        return wireName;
    }

    /**
     * The policy an option value names; an absent ({@code null}) option means {@link #EXACT}.
     *
     * @return the policy, or {@code null} if the value names none
     */
    public static MatchPolicy ofOption(Object value) {
        if (value == null) {
            return EXACT;
        }
        for (MatchPolicy p : values()) {
            if (p.wireName.equals(value)) {
                return p;
            }
        }
        return null;
    }
}
