package io.junction.client;

/** Which callee a shared registration's call goes to (the {@code invoke} option of REGISTER). */
public enum InvocationPolicy {
    SINGLE("single"),
    ROUNDROBIN("roundrobin"),
    RANDOM("random"),
    FIRST("first"),
    LAST("last");

    private final String wireName;

    InvocationPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
