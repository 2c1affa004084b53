package io.junction.core.serialization;

import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one message: the envelope elements as values, the application payload as the raw bytes
 * of its elements (checked for well-formedness but not turned into Java values). Subclasses walk
 * the elements of the message array in one serialization; this class holds the logic shared by
 * all of them.
 */
abstract class MessageDecoder {

    /** Deepest nesting of lists and dicts accepted in a message (the message list itself counts). */
    static final int MAX_DEPTH = 500;

    /** What an element is, as far as the payload rules care. */
    enum Kind { LIST, DICT, OPAQUE, OTHER }

    /** Enters the message array. */
    abstract void beginMessage() throws IOException;

    /** Moves to the next element of the message array; {@code false} at its end. */
    abstract boolean nextElement() throws IOException;

    /** Reads the current element as a value. */
    abstract Object readElement() throws IOException;

    /** Offset of the current element's first byte, relative to the start of the message bytes. */
    abstract int elementStart() throws IOException;

    /** The kind of the current element: {@code OPAQUE} is a binary or a string. */
    abstract Kind elementKind() throws IOException;

    /**
     * Passes over the current element, checking that it is well-formed (map keys are strings,
     * text is valid UTF-8), without building values.
     *
     * @return the offset just past the element, relative to the start of the message bytes
     */
    abstract int skipElement() throws IOException;

    /** After the end of the message array: checks that nothing follows. */
    abstract void endMessage() throws IOException;

    /**
     * Decodes the message in {@code bytes[offset, ...)}; the raw payload references a copy of its
     * bytes and decodes them with {@code codec} when its values are asked for.
     */
    final Message decode(byte[] bytes, int offset, Serialization serialization, ValueDecoder codec)
            throws IOException {
        beginMessage();
        if (!nextElement()) {
            throw new ProtocolViolation("empty message");
        }
        Object code = readElement();
        MessageType type = Messages.type(code);
        int envelopeMax = type.hasPayload() ? type.payloadIndex() : type.maxElements();
        Object[] envelope = new Object[envelopeMax];
        envelope[0] = code;
        int count = 1;
        boolean more = nextElement();
        while (more && count < envelopeMax) {
            envelope[count++] = readElement();
            more = nextElement();
        }
        Payload payload = Payload.NONE;
        if (more && type.hasPayload()) {
            boolean passthru = Messages.isPassthru(envelope, count);
            Kind argsKind = elementKind();
            if (argsKind != Kind.LIST && !(passthru && argsKind == Kind.OPAQUE)) {
                Messages.checkArguments(type, readElement(), passthru);
            }
            boolean transparent = argsKind != Kind.LIST;
            int start = elementStart();
            int argsEnd = skipElement();
            int end = argsEnd;
            int kwargsStart = -1;
            more = nextElement();
            if (more) {
                if (transparent || elementKind() != Kind.DICT) {
                    Messages.checkArgumentsKw(type, readElement(), transparent);
                }
                kwargsStart = elementStart();
                end = skipElement();
                more = nextElement();
            }
            byte[] raw = Arrays.copyOfRange(bytes, offset + start, offset + end);
            payload = Payload.raw(serialization, raw, argsEnd - start, kwargsStart < 0 ? -1 : kwargsStart - start,
                    transparent, codec);
        }
        if (more) {
            throw new ProtocolViolation(type + " must have at most " + type.maxElements() + " elements");
        }
        endMessage();
        return Messages.fromWire(type, envelope, count, payload);
    }
}
