package io.junction.core.serialization;

import java.util.EnumMap;
import java.util.Map;

/** The codec of each serialization; codecs are stateless and shared. */
public final class Codecs {

    private static final Map<Serialization, Codec> CODECS = new EnumMap<>(Serialization.class);

    static {
        CODECS.put(Serialization.JSON, JsonCodec.INSTANCE);
        CODECS.put(Serialization.MSGPACK, MsgpackCodec.INSTANCE);
        CODECS.put(Serialization.CBOR, CborCodec.INSTANCE);
        CODECS.put(Serialization.UBJSON, UbjsonCodec.INSTANCE);
    }

    private Codecs() {
    }

    /** The shared codec for a serialization. */
    public static WampCodec of(Serialization serialization) {
        return codec(serialization);
    }

    /** The value encoder of a serialization (e.g. to serialize a passthru payload). */
    public static ValueEncoder valueEncoder(Serialization serialization) {
        return codec(serialization);
    }

    private static Codec codec(Serialization serialization) {
        Codec codec = CODECS.get(serialization);
        if (codec == null) {
            throw new UnsupportedOperationException(serialization + " is not implemented yet");
        }
        return codec;
    }
}
