package io.junction.transport.testing;

import io.junction.core.message.Abort;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Lets byte-level vectors through the WAMP layer: any bytes decode to a HELLO whose realm is the
 * bytes as ISO-8859-1 text, and a HELLO encodes back to its realm's bytes (an ABORT, as the listener
 * of a violation sends it, encodes as {@code ABORT <reason> <message>}).
 */
public final class OpaqueCodec implements WampCodec {

    private final Serialization serialization;

    public OpaqueCodec(Serialization serialization) {
        this.serialization = serialization;
    }

    public static Function<Serialization, WampCodec> codecs() {
        return OpaqueCodec::new;
    }

    public static String bytesOf(Message message) {
        return ((Hello) message).realm();
    }

    @Override
    public Serialization serialization() {
        return serialization;
    }

    @Override
    public Message decode(byte[] bytes, int offset, int length) {
        return new Hello(new String(bytes, offset, length, StandardCharsets.ISO_8859_1), Map.of());
    }

    @Override
    public void encode(Message message, OutputStream out) throws IOException {
        String text = message instanceof Abort abort
                ? "ABORT " + abort.reason() + " " + Dicts.string(abort.details(), "message", "")
                : ((Hello) message).realm();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public Object decodeValue(byte[] bytes, int offset, int length) {
        throw new UnsupportedOperationException();
    }
}
