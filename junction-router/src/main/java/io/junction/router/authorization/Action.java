package io.junction.router.authorization;

import io.junction.core.message.Message;

import java.util.Locale;

/** What a session may be authorized to do on a URI (the spec's four actions). */
public enum Action {
    CALL,
    REGISTER,
    PUBLISH,
    SUBSCRIBE;

    private static final Action[] VALUES = values();

    /** The action's name in configuration and in dynamic authorizer calls: {@code call}, {@code register}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code name} ({@code call}, ...), or {@code null}. */
    public static Action of(String name) {
        for (Action a : VALUES) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The action a client message asks for, or {@code null} for messages that need no authorization. */
    static Action of(Message message) {
        return switch (message.type()) {
            case CALL -> CALL;
            case REGISTER -> REGISTER;
            case PUBLISH -> PUBLISH;
            case SUBSCRIBE -> SUBSCRIBE;
            default -> null;
        };
    }
}
