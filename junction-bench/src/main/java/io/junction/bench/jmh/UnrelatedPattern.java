package io.junction.bench.jmh;

/**
 * The {@code i}-th of many URI patterns that nothing in a benchmark matches, spread over the three
 * match policies: {@code org.unrelated<i>.topic} exact, {@code org.unrelated<i>.} prefix,
 * {@code org..unrelated<i>} wildcard.
 */
record UnrelatedPattern(String uri, String match) {

    static UnrelatedPattern of(int i) {
        return switch (i % 3) {
            case 0 -> new UnrelatedPattern("org.unrelated" + i + ".topic", "exact");
            case 1 -> new UnrelatedPattern("org.unrelated" + i + ".", "prefix");
            default -> new UnrelatedPattern("org..unrelated" + i, "wildcard");
        };
    }
}
