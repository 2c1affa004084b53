package io.junction.core.message;

/**
 * A WAMP message. Every message type is an immutable record; dictionaries and lists inside a
 * message are unmodifiable (see {@link Dicts}).
 */
public sealed interface Message
        permits Hello, Welcome, Abort, Challenge, Authenticate, Goodbye, ErrorMessage,
        Publish, Published, Subscribe, Subscribed, Unsubscribe, Unsubscribed, Event, EventReceived,
        Call, Cancel, Result, Register, Registered, Unregister, Unregistered, Invocation, Interrupt, Yield {

    MessageType type();
}
