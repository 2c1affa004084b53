package io.junction.core.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Converts between the wire form of a message (the list {@code [TYPE, element, ...]}) and the
 * message records, validating what a peer sent: the message type code, the number of elements,
 * the type of every element, IDs, and the types of the known Options/Details keys.
 *
 * <p>The <em>envelope</em> of a message is its wire list without the application payload
 * (Arguments, ArgumentsKw); codecs read and write the envelope as values and handle the payload
 * themselves, so that it can stay in its encoded form.
 *
 * <p>Parsing then marshalling gives back exactly the list that was parsed: nothing is added,
 * dropped or defaulted.
 */
public final class Messages {

    /** The request types an ERROR may answer. */
    private static final MessageType[] ERROR_REQUEST_TYPES = {
            MessageType.SUBSCRIBE, MessageType.UNSUBSCRIBE, MessageType.PUBLISH, MessageType.REGISTER,
            MessageType.UNREGISTER, MessageType.CALL, MessageType.INVOCATION};

    private static final List<Object> EMPTY_LIST = Collections.unmodifiableList(new ArrayList<>(0));

    private Messages() {
    }

    /**
     * The message type for the first element of a wire list.
     *
     * @throws ProtocolViolation if the code is not an integer or not a known message type
     */
    public static MessageType type(Object code) {
        Long l = WireValues.integer(code);
        if (l == null) {
            throw new ProtocolViolation("the message type must be an integer, got " + WireValues.describe(code));
        }
        MessageType type = MessageType.ofCode(l);
        if (type == null) {
            throw new ProtocolViolation("unknown message type " + l);
        }
        return type;
    }

    /**
     * Whether the Options/Details of an envelope ask for Payload Passthru Mode ({@code enc_algo} or
     * {@code ppt_scheme} present): then Arguments may be a single opaque value instead of a list.
     */
    public static boolean isPassthru(Object[] envelope, int count) {
        for (int i = 1; i < count; i++) {
            if (envelope[i] instanceof Map<?, ?> dict) {
                return dict.get("enc_algo") != null || dict.get("ppt_scheme") != null;
            }
        }
        return false;
    }

    /**
     * Builds a message from its envelope and payload.
     *
     * @param type     the type, from {@link #type(Object)} of {@code envelope[0]}
     * @param envelope the wire elements before the payload, starting with the type code
     * @param count    how many entries of {@code envelope} are used
     * @param payload  the payload ({@link Payload#NONE} if the message has none)
     * @throws ProtocolViolation if the message is malformed
     */
    public static Message fromWire(MessageType type, Object[] envelope, int count, Payload payload) {
        int elements = count + payload.elementCount();
        if (elements < type.minElements() || elements > type.maxElements()) {
            String expected = type.minElements() == type.maxElements()
                    ? String.valueOf(type.minElements())
                    : type.minElements() + " to " + type.maxElements();
            throw new ProtocolViolation(type + " must have " + expected + " elements, got " + elements);
        }
        if (!payload.isEmpty() && count != type.payloadIndex()) {
            throw new ProtocolViolation(type + " has a payload at the wrong position");
        }
        Envelope e = new Envelope(type, envelope);
        return switch (type) {
            case HELLO -> new Hello(e.string(1, "Realm"), e.dict(2, "Details"));
            case WELCOME -> new Welcome(e.id(1, "Session"), e.dict(2, "Details"));
            case ABORT -> new Abort(e.dict(1, "Details"), e.string(2, "Reason"), payload);
            case CHALLENGE -> new Challenge(e.string(1, "AuthMethod"), e.dict(2, "Extra"));
            case AUTHENTICATE -> new Authenticate(e.string(1, "Signature"), e.dict(2, "Extra"));
            case GOODBYE -> new Goodbye(e.dict(1, "Details"), e.string(2, "Reason"));
            case ERROR -> new ErrorMessage(e.errorRequestType(), e.id(2, "Request"), e.dict(3, "Details"),
                    e.string(4, "Error"), payload);
            case PUBLISH -> new Publish(e.id(1, "Request"), e.dict(2, "Options"), e.string(3, "Topic"), payload);
            case PUBLISHED -> new Published(e.id(1, "Request"), e.id(2, "Publication"));
            case SUBSCRIBE -> new Subscribe(e.id(1, "Request"), e.dict(2, "Options"), e.string(3, "Topic"));
            case SUBSCRIBED -> new Subscribed(e.id(1, "Request"), e.id(2, "Subscription"));
            case UNSUBSCRIBE -> new Unsubscribe(e.id(1, "Request"), e.id(2, "Subscription"));
            case UNSUBSCRIBED -> new Unsubscribed(e.revocableRequest(count), count > 2 ? e.dict(2, "Details") : null);
            case EVENT -> new Event(e.id(1, "Subscription"), e.id(2, "Publication"), e.dict(3, "Details"), payload);
            case CALL -> new Call(e.id(1, "Request"), e.dict(2, "Options"), e.string(3, "Procedure"), payload);
            case CANCEL -> new Cancel(e.id(1, "Request"), e.dict(2, "Options"));
            case RESULT -> new Result(e.id(1, "Request"), e.dict(2, "Details"), payload);
            case REGISTER -> new Register(e.id(1, "Request"), e.dict(2, "Options"), e.string(3, "Procedure"));
            case REGISTERED -> new Registered(e.id(1, "Request"), e.id(2, "Registration"));
            case UNREGISTER -> new Unregister(e.id(1, "Request"), e.id(2, "Registration"));
            case UNREGISTERED -> new Unregistered(e.revocableRequest(count), count > 2 ? e.dict(2, "Details") : null);
            case INVOCATION -> new Invocation(e.id(1, "Request"), e.id(2, "Registration"), e.dict(3, "Details"), payload);
            case INTERRUPT -> new Interrupt(e.id(1, "Request"), e.dict(2, "Options"));
            case YIELD -> new Yield(e.id(1, "Request"), e.dict(2, "Options"), payload);
            case EVENT_RECEIVED -> new EventReceived(e.id(1, "Publication"));
        };
    }

    /**
     * Builds a message from its complete wire list, the payload given as values.
     *
     * @throws ProtocolViolation if the list is not a well-formed message
     */
    @SuppressWarnings("unchecked")
    public static Message parse(List<?> wire) {
        if (wire.isEmpty()) {
            throw new ProtocolViolation("empty message");
        }
        MessageType type = type(wire.get(0));
        int size = wire.size();
        int envelopeSize = type.hasPayload() ? Math.min(size, type.payloadIndex()) : size;
        Object[] envelope = wire.subList(0, envelopeSize).toArray();
        Payload payload = Payload.NONE;
        if (type.hasPayload() && size > envelopeSize) {
            if (size - envelopeSize > 2) {
                throw new ProtocolViolation(type + " must have " + type.minElements() + " to "
                        + type.maxElements() + " elements, got " + size);
            }
            Object args = wire.get(envelopeSize);
            Object kwargs = size > envelopeSize + 1 ? wire.get(envelopeSize + 1) : null;
            boolean transparent = checkArguments(type, args, isPassthru(envelope, envelopeSize));
            if (size > envelopeSize + 1) {
                checkArgumentsKw(type, kwargs, transparent);
            }
            payload = transparent
                    ? Payload.transparent(args)
                    : Payload.of((List<Object>) args, (Map<String, Object>) kwargs);
        }
        return fromWire(type, envelope, envelopeSize, payload);
    }

    /**
     * Checks the type of the Arguments element.
     *
     * @return whether it is a transparent (Payload Passthru Mode) payload
     */
    public static boolean checkArguments(MessageType type, Object args, boolean passthru) {
        if (args instanceof List) {
            return false;
        }
        if (passthru && (args instanceof byte[] || args instanceof String)) {
            return true;
        }
        throw new ProtocolViolation(type + ".Arguments must be a list"
                + (passthru ? " or a binary/string passthru payload" : "") + ", got " + WireValues.describe(args));
    }

    /** Checks the type of the ArgumentsKw element. */
    public static void checkArgumentsKw(MessageType type, Object kwargs, boolean transparentArgs) {
        if (transparentArgs) {
            throw new ProtocolViolation(type + ".ArgumentsKw must be absent with a passthru payload");
        }
        if (!(kwargs instanceof Map)) {
            throw new ProtocolViolation(type + ".ArgumentsKw must be a dict, got " + WireValues.describe(kwargs));
        }
    }

    /** The wire elements of a message before its payload, starting with the type code. */
    public static Object[] envelope(Message m) {
        long code = m.type().code();
        return switch (m.type()) {
            case HELLO -> {
                Hello h = (Hello) m;
                yield new Object[]{code, h.realm(), h.details()};
            }
            case WELCOME -> {
                Welcome w = (Welcome) m;
                yield new Object[]{code, w.session(), w.details()};
            }
            case ABORT -> {
                Abort a = (Abort) m;
                yield new Object[]{code, a.details(), a.reason()};
            }
            case CHALLENGE -> {
                Challenge c = (Challenge) m;
                yield new Object[]{code, c.authMethod(), c.extra()};
            }
            case AUTHENTICATE -> {
                Authenticate a = (Authenticate) m;
                yield new Object[]{code, a.signature(), a.extra()};
            }
            case GOODBYE -> {
                Goodbye g = (Goodbye) m;
                yield new Object[]{code, g.details(), g.reason()};
            }
            case ERROR -> {
                ErrorMessage e = (ErrorMessage) m;
                yield new Object[]{code, (long) e.requestType(), e.request(), e.details(), e.error()};
            }
            case PUBLISH -> {
                Publish p = (Publish) m;
                yield new Object[]{code, p.request(), p.options(), p.topic()};
            }
            case PUBLISHED -> {
                Published p = (Published) m;
                yield new Object[]{code, p.request(), p.publication()};
            }
            case SUBSCRIBE -> {
                Subscribe s = (Subscribe) m;
                yield new Object[]{code, s.request(), s.options(), s.topic()};
            }
            case SUBSCRIBED -> {
                Subscribed s = (Subscribed) m;
                yield new Object[]{code, s.request(), s.subscription()};
            }
            case UNSUBSCRIBE -> {
                Unsubscribe u = (Unsubscribe) m;
                yield new Object[]{code, u.request(), u.subscription()};
            }
            case UNSUBSCRIBED -> {
                Unsubscribed u = (Unsubscribed) m;
                yield u.details() == null ? new Object[]{code, u.request()} : new Object[]{code, u.request(), u.details()};
            }
            case EVENT -> {
                Event e = (Event) m;
                yield new Object[]{code, e.subscription(), e.publication(), e.details()};
            }
            case CALL -> {
                Call c = (Call) m;
                yield new Object[]{code, c.request(), c.options(), c.procedure()};
            }
            case CANCEL -> {
                Cancel c = (Cancel) m;
                yield new Object[]{code, c.request(), c.options()};
            }
            case RESULT -> {
                Result r = (Result) m;
                yield new Object[]{code, r.request(), r.details()};
            }
            case REGISTER -> {
                Register r = (Register) m;
                yield new Object[]{code, r.request(), r.options(), r.procedure()};
            }
            case REGISTERED -> {
                Registered r = (Registered) m;
                yield new Object[]{code, r.request(), r.registration()};
            }
            case UNREGISTER -> {
                Unregister u = (Unregister) m;
                yield new Object[]{code, u.request(), u.registration()};
            }
            case UNREGISTERED -> {
                Unregistered u = (Unregistered) m;
                yield u.details() == null ? new Object[]{code, u.request()} : new Object[]{code, u.request(), u.details()};
            }
            case INVOCATION -> {
                Invocation i = (Invocation) m;
                yield new Object[]{code, i.request(), i.registration(), i.details()};
            }
            case INTERRUPT -> {
                Interrupt i = (Interrupt) m;
                yield new Object[]{code, i.request(), i.options()};
            }
            case YIELD -> {
                Yield y = (Yield) m;
                yield new Object[]{code, y.request(), y.options()};
            }
            case EVENT_RECEIVED -> new Object[]{code, ((EventReceived) m).publication()};
        };
    }

    /** The payload of a message, {@link Payload#NONE} for message types without one. */
    public static Payload payload(Message m) {
        return m instanceof PayloadMessage p ? p.payload() : Payload.NONE;
    }

    /**
     * The first payload element as it goes on the wire: the transparent value, the arguments, or
     * an empty list when only keyword arguments are present.
     */
    public static Object wireArguments(Payload payload) {
        if (payload.isTransparent()) {
            return payload.transparentValue();
        }
        List<Object> args = payload.args();
        return args != null ? args : EMPTY_LIST;
    }

    /** The complete wire list of a message, with the payload as values. */
    public static List<Object> toList(Message m) {
        Object[] envelope = envelope(m);
        Payload payload = payload(m);
        List<Object> list = new ArrayList<>(envelope.length + payload.elementCount());
        list.addAll(Arrays.asList(envelope));
        if (payload.hasArgs()) {
            list.add(wireArguments(payload));
        }
        if (payload.hasKwargs()) {
            list.add(payload.kwargs());
        }
        return Collections.unmodifiableList(list);
    }

    /** Typed access to the envelope elements of one message, with errors that name the element. */
    private record Envelope(MessageType type, Object[] elements) {

        long id(int index, String name) {
            Object v = elements[index];
            if (!WireValues.isId(v)) {
                throw new ProtocolViolation(type + "." + name + " must be an ID in [1, 2^53], got "
                        + WireValues.describe(v));
            }
            return WireValues.integer(v);
        }

        /** The request of UNSUBSCRIBED/UNREGISTERED: 0 in the revocation form (with Details) only. */
        long revocableRequest(int count) {
            Long l = WireValues.integer(elements[1]);
            if (l != null && l == 0 && count > 2) {
                return 0;
            }
            return id(1, "Request");
        }

        String string(int index, String name) {
            Object v = elements[index];
            if (!(v instanceof String s)) {
                throw new ProtocolViolation(type + "." + name + " must be a string, got " + WireValues.describe(v));
            }
            return s;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> dict(int index, String name) {
            Object v = elements[index];
            if (!(v instanceof Map)) {
                throw new ProtocolViolation(type + "." + name + " must be a dict, got " + WireValues.describe(v));
            }
            Map<String, Object> dict = (Map<String, Object>) v;
            DictRules.check(type, name, dict);
            return dict;
        }

        int errorRequestType() {
            Long l = WireValues.integer(elements[1]);
            if (l != null) {
                for (MessageType t : ERROR_REQUEST_TYPES) {
                    if (t.code() == l) {
                        return t.code();
                    }
                }
            }
            throw new ProtocolViolation("ERROR.REQUEST.Type must be the code of SUBSCRIBE, UNSUBSCRIBE, PUBLISH, "
                    + "REGISTER, UNREGISTER, CALL or INVOCATION, got " + WireValues.describe(elements[1]));
        }
    }
}
