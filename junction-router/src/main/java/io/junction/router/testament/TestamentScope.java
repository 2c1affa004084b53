package io.junction.router.testament;

/** When a testament is published: its session detached (first), or destroyed (after). */
public enum TestamentScope {
    DETACHED("detached"),
    DESTROYED("destroyed");

    private final String word;

    TestamentScope(String word) {
        this.word = word;
    }

    /** The spec's word for the scope, as in the {@code scope} keyword argument. */
    public String word() {
        return word;
    }

    /** The scope named {@code word}, or {@code null}. */
    public static TestamentScope of(String word) {
        for (TestamentScope s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        return null;
    }
}
