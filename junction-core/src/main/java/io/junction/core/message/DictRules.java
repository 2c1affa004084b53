package io.junction.core.message;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The types of the known keys of each message's Options, Details and Extra dicts, as the Basic
 * and Advanced Profile define them. Unknown keys are allowed (the spec makes dicts extensible),
 * and a {@code null} value counts as absent: some clients send {@code undefined}/nil for options
 * they did not set.
 */
final class DictRules {

    /** A requirement on the value of one key; {@code expected} completes "must be ...". */
    record Rule(String expected, Predicate<Object> test) {
    }

    static final Rule BOOL = new Rule("a bool", v -> v instanceof Boolean);
    static final Rule STRING = new Rule("a string", v -> v instanceof String);
    static final Rule DICT = new Rule("a dict", v -> v instanceof Map);
    static final Rule INT = new Rule("an integer", v -> WireValues.integer(v) != null);
    static final Rule NON_NEGATIVE_INT = new Rule("a non-negative integer", v -> {
        Long l = WireValues.integer(v);
        return l != null && l >= 0;
    });
    /** Autobahn|Python sends a call {@code timeout} exactly as its user wrote it, 5 or 2.5 (milliseconds). */
    static final Rule NON_NEGATIVE_NUMBER = new Rule("a non-negative number", v ->
            v instanceof Double d ? d >= 0 : NON_NEGATIVE_INT.test().test(v));
    static final Rule POSITIVE_INT = new Rule("a positive integer", v -> {
        Long l = WireValues.integer(v);
        return l != null && l > 0;
    });
    static final Rule ID = new Rule("an ID in [1, 2^53]", WireValues::isId);
    static final Rule LIST_OF_IDS = new Rule("a list of IDs", v -> WireValues.isListOf(v, WireValues::isId));
    static final Rule LIST_OF_STRINGS = new Rule("a list of strings", v -> WireValues.isListOf(v, e -> e instanceof String));
    static final Rule LIST_OF_DICTS = new Rule("a list of dicts", v -> WireValues.isListOf(v, e -> e instanceof Map));
    /** Payload encryption algorithms Autobahn defines, plus custom {@code x_} ones. */
    static final Rule ENC_ALGO = oneOfOrCustom("cryptobox", "mqtt", "xbr");
    static final Rule PPT_SCHEME = oneOfOrCustom("mqtt", "wamp");
    static final Rule MATCH = oneOf("exact", "prefix", "wildcard");

    private static final Map<MessageType, Map<String, Rule>> RULES = new EnumMap<>(MessageType.class);

    static {
        Map<String, Rule> passthru = Map.of(
                "enc_algo", ENC_ALGO, "enc_serializer", STRING,
                "ppt_scheme", PPT_SCHEME, "ppt_serializer", STRING, "ppt_cipher", STRING, "ppt_keyid", STRING);
        Rule forwardFor = LIST_OF_DICTS;

        rules(MessageType.HELLO, Map.of(), "roles", DICT, "authmethods", LIST_OF_STRINGS, "authid", STRING,
                "authrole", STRING, "authextra", DICT, "agent", STRING, "resumable", BOOL,
                "resume-session", ID, "resume-token", STRING);
        rules(MessageType.WELCOME, Map.of(), "roles", DICT, "authid", STRING, "authrole", STRING,
                "authmethod", STRING, "authprovider", STRING, "authextra", DICT, "agent", STRING,
                "resumed", BOOL, "resumable", BOOL, "resume-token", STRING);
        rules(MessageType.ABORT, Map.of(), "message", STRING);
        rules(MessageType.GOODBYE, Map.of(), "message", STRING);
        rules(MessageType.CHALLENGE, Map.of(), "challenge", STRING, "salt", STRING, "keylen", NON_NEGATIVE_INT,
                "iterations", NON_NEGATIVE_INT, "memory", NON_NEGATIVE_INT, "kdf", STRING, "nonce", STRING);
        rules(MessageType.AUTHENTICATE, Map.of(), "nonce", STRING, "channel_binding", STRING, "cbind_data", STRING);
        rules(MessageType.ERROR, passthru, "forward_for", forwardFor);
        rules(MessageType.PUBLISH, passthru, "acknowledge", BOOL, "exclude_me", BOOL, "disclose_me", BOOL,
                "retain", BOOL, "exclude", LIST_OF_IDS, "exclude_authid", LIST_OF_STRINGS,
                "exclude_authrole", LIST_OF_STRINGS, "eligible", LIST_OF_IDS, "eligible_authid", LIST_OF_STRINGS,
                "eligible_authrole", LIST_OF_STRINGS, "transaction_hash", STRING, "rkey", STRING,
                "forward_for", forwardFor);
        rules(MessageType.SUBSCRIBE, Map.of(), "match", MATCH, "get_retained", BOOL, "nkey", STRING,
                "forward_for", forwardFor);
        rules(MessageType.UNSUBSCRIBED, Map.of(), "subscription", ID, "reason", STRING);
        rules(MessageType.EVENT, passthru, "publisher", ID, "publisher_authid", STRING,
                "publisher_authrole", STRING, "topic", STRING, "retained", BOOL, "transaction_hash", STRING,
                "x_acknowledged_delivery", BOOL, "trustlevel", INT, "forward_for", forwardFor);
        rules(MessageType.CALL, passthru, "receive_progress", BOOL, "progress", BOOL, "disclose_me", BOOL,
                "timeout", NON_NEGATIVE_NUMBER, "runmode", STRING, "rkey", STRING, "forward_for", forwardFor);
        rules(MessageType.CANCEL, Map.of(), "mode", oneOf("skip", "kill", "killnowait"), "forward_for", forwardFor);
        rules(MessageType.RESULT, passthru, "progress", BOOL, "forward_for", forwardFor);
        rules(MessageType.REGISTER, Map.of(), "match", MATCH,
                "invoke", oneOf("single", "roundrobin", "random", "first", "last"),
                "force_reregister", BOOL, "concurrency", POSITIVE_INT, "disclose_caller", BOOL,
                "forward_timeout", BOOL, "forward_for", forwardFor);
        rules(MessageType.UNREGISTERED, Map.of(), "registration", ID, "reason", STRING);
        rules(MessageType.INVOCATION, passthru, "caller", ID, "caller_authid", STRING, "caller_authrole", STRING,
                "procedure", STRING, "receive_progress", BOOL, "progress", BOOL, "timeout", NON_NEGATIVE_INT,
                "trustlevel", INT, "forward_for", forwardFor);
        rules(MessageType.INTERRUPT, Map.of(), "mode", oneOf("kill", "killnowait"), "reason", STRING,
                "forward_for", forwardFor);
        rules(MessageType.YIELD, passthru, "progress", BOOL, "forward_for", forwardFor);
    }

    private DictRules() {
    }

    /**
     * Checks the known keys of the Options/Details/Extra dict of a message.
     *
     * @param dictName the spec's name of the dict ({@code Options}, {@code Details}, {@code Extra})
     * @throws ProtocolViolation naming the message type and the offending key
     */
    static void check(MessageType type, String dictName, Map<String, Object> dict) {
        Map<String, Rule> rules = RULES.get(type);
        if (rules == null || dict.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            Rule rule = rules.get(e.getKey());
            if (rule != null && !rule.test().test(value)) {
                throw new ProtocolViolation(type + "." + dictName + "." + e.getKey() + " must be "
                        + rule.expected() + ", got " + WireValues.describe(value));
            }
        }
    }

    private static void rules(MessageType type, Map<String, Rule> common, Object... keysAndRules) {
        Map<String, Rule> m = new HashMap<>(common);
        for (int i = 0; i < keysAndRules.length; i += 2) {
            m.put((String) keysAndRules[i], (Rule) keysAndRules[i + 1]);
        }
        RULES.put(type, Map.copyOf(m));
    }

    private static Rule oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return new Rule("one of " + String.join(", ", values), allowed::contains);
    }

    private static Rule oneOfOrCustom(String... values) {
        Set<String> allowed = Set.of(values);
        return new Rule("one of " + String.join(", ", values) + " or a custom x_... value",
                v -> v instanceof String s && (allowed.contains(s) || s.startsWith("x_")));
    }
}
