package io.junction.router.testament;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.MessageType;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.ValueEncoder;
import io.junction.router.meta.MetaCall;
import io.junction.router.meta.MetaException;
import io.junction.router.meta.MetaProcedure;
import io.junction.router.meta.MetaRegistry;
import io.junction.router.realm.Realm;
import io.junction.router.uri.UriCheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wamp.session.add_testament} and {@code wamp.session.flush_testaments}: a session leaves
 * publications to be made when it goes away (published by {@code SessionMetaApi} when it leaves).
 */
public final class TestamentProcedures {

    private static final ValueEncoder SIZE_ENCODER = Codecs.valueEncoder(Serialization.CBOR);

    private final Realm realm;
    private final UriCheck uriCheck;
    private final Testaments testaments;

    public TestamentProcedures(Realm realm, UriCheck uriCheck, Testaments testaments) {
        this.realm = realm;
        this.uriCheck = uriCheck;
        this.testaments = testaments;
    }

    public void register(MetaRegistry procedures) {
        procedures.add("wamp.session.add_testament", MetaProcedure.of(this::add));
        procedures.add("wamp.session.flush_testaments", MetaProcedure.of(this::flush));
    }

    private Payload add(MetaCall call) {
        String topic = call.string(0, "topic");
        if (!uriCheck.isValid(topic)) {
            throw new MetaException(WampErrors.INVALID_URI, "\"" + topic + "\" is not a valid topic URI.");
        }
        if (topic.startsWith("wamp.")) {
            throw new MetaException(WampErrors.INVALID_URI, "Topics under \"wamp.\" are reserved for the router.");
        }
        Object args = call.arg(1);
        if (args != null && !(args instanceof List)) {
            throw MetaCall.invalid("argument 2 (args) must be a list, got " + MetaCall.describe(args));
        }
        Map<String, Object> kwargs = call.dict(2, "kwargs");
        Map<String, Object> options = publishOptions(call, topic);
        TestamentScope scope = scope(call);
        @SuppressWarnings("unchecked")
        Payload payload = Payload.of((List<Object>) args, kwargs);
        long size;
        try {
            size = SIZE_ENCODER.encodeValue(List.of(topic, options, args == null ? List.of() : args,
                    kwargs == null ? Map.of() : kwargs)).length;
        } catch (IllegalArgumentException e) {
            throw MetaCall.invalid("the testament cannot be stored: " + e.getMessage());
        }
        if (realm.session(call.caller()) == null) {
            return Payload.NONE; // the caller left while this call was on its way: nothing to publish for it
        }
        testaments.add(call.caller(), scope, new Testament(topic, options, payload, size));
        return Payload.NONE;
    }

    /** The {@code publish_options}, checked as PUBLISH options; {@code acknowledge} makes no sense for a testament. */
    private static Map<String, Object> publishOptions(MetaCall call, String topic) {
        Map<String, Object> given = call.kwDict("publish_options");
        if (given == null) {
            return Map.of();
        }
        try {
            Messages.parse(List.of(MessageType.PUBLISH.code(), 1, given, topic));
        } catch (ProtocolViolation v) {
            throw MetaCall.invalid("publish_options: " + v.getMessage());
        }
        Map<String, Object> options = new LinkedHashMap<>(given);
        options.remove("acknowledge");
        return Dicts.freeze(options);
    }

    private Payload flush(MetaCall call) {
        testaments.flush(call.caller(), scope(call));
        return Payload.NONE;
    }

    private static TestamentScope scope(MetaCall call) {
        String word = call.kwString("scope", TestamentScope.DESTROYED.word());
        TestamentScope scope = TestamentScope.of(word);
        if (scope == null) {
            throw MetaCall.invalid("scope must be \"detached\" or \"destroyed\", got \"" + word + "\"");
        }
        return scope;
    }
}
