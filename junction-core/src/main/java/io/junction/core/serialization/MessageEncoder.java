package io.junction.core.serialization;

import io.junction.core.message.Message;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;

import java.io.IOException;

/**
 * Writes one message: the envelope elements as values, then the payload, which goes out as the
 * bytes it arrived in when it is raw in this serialization and is written from its values
 * otherwise. Subclasses write one serialization.
 */
abstract class MessageEncoder {

    abstract void beginMessage(int elements) throws IOException;

    abstract void writeValue(Object value) throws IOException;

    /** Writes already encoded payload elements (for JSON, including their separator). */
    abstract void writeRawPayload(byte[] raw) throws IOException;

    abstract void endMessage() throws IOException;

    final void encode(Message message, Serialization serialization) throws IOException {
        Object[] envelope = Messages.envelope(message);
        Payload payload = Messages.payload(message);
        beginMessage(envelope.length + payload.elementCount());
        for (Object element : envelope) {
            writeValue(element);
        }
        if (!payload.isEmpty()) {
            if (payload.rawSerialization() == serialization) {
                writeRawPayload(payload.rawBytes());
            } else {
                writeValue(Messages.wireArguments(payload));
                if (payload.hasKwargs()) {
                    writeValue(payload.kwargs());
                }
            }
        }
        endMessage();
    }
}
