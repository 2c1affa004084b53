package io.junction.core.message;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** One message of each of the 25 types, with content that exercises every value kind. */
public final class SampleMessages {

    public static final long MAX_ID = 1L << 53;

    private SampleMessages() {
    }

    public static List<Message> all() {
        Map<String, Object> kwargs = Dicts.of("text", "κόσμε 𤭢", "bytes", new byte[]{0, 1, (byte) 0xff},
                "big", new BigInteger("18446744073709551615"), "neg", -42L, "pi", 3.25, "nil", null,
                "nested", List.of(Dicts.of("a", List.of()), Dicts.empty()));
        Payload payload = Payload.of(List.of(1L, "two", true), kwargs);
        return List.of(
                new Hello("realm1", Dicts.of("roles", Dicts.of("caller", Dicts.empty()), "authmethods", List.of("ticket"),
                        "authid", "joe")),
                new Welcome(MAX_ID, Dicts.of("roles", Dicts.of("broker", Dicts.empty(), "dealer", Dicts.empty()))),
                new Abort(Dicts.of("message", "no"), "wamp.error.no_such_realm", Payload.of(List.of("why"))),
                new Challenge("wampcra", Dicts.of("challenge", "{}", "salt", "s", "keylen", 32L, "iterations", 1000L)),
                new Authenticate("c2lnbmF0dXJl", Dicts.empty()),
                new Goodbye(Dicts.empty(), "wamp.close.goodbye_and_out"),
                new ErrorMessage(MessageType.CALL.code(), 7, Dicts.empty(), "com.myapp.error", payload),
                new Publish(1, Dicts.of("acknowledge", true, "exclude", List.of(2L, MAX_ID)), "com.myapp.topic", payload),
                new Published(1, MAX_ID),
                new Subscribe(2, Dicts.of("match", "wildcard"), "com..topic"),
                new Subscribed(2, 3),
                new Unsubscribe(4, 3),
                new Unsubscribed(4),
                new Event(3, MAX_ID, Dicts.of("publisher", 5L), Payload.of(null, Dicts.of("k", "v"))),
                new Call(5, Dicts.of("timeout", 1000L, "receive_progress", true), "com.myapp.proc", payload),
                new Cancel(5, Dicts.of("mode", "kill")),
                new Result(5, Dicts.of("progress", true), Payload.of(List.of())),
                new Register(6, Dicts.of("invoke", "roundrobin"), "com.myapp.proc"),
                new Registered(6, 7),
                new Unregister(8, 7),
                new Unregistered(0, Dicts.of("registration", 7L, "reason", "wamp.registration.revoked")),
                new Invocation(9, 7, Dicts.of("caller", 12L, "ppt_scheme", "wamp", "ppt_serializer", "cbor"), Payload.transparent(new byte[]{1, 2, 3})),
                new Interrupt(9, Dicts.of("mode", "killnowait")),
                new Yield(9, Dicts.empty(), payload),
                new EventReceived(MAX_ID));
    }
}
