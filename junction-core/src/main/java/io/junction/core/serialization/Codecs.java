package io.junction.core.serialization;

/** The codec of each serialization; codecs are stateless and shared. */
public final class Codecs {

    private Codecs() {
    }

    /** The shared codec for a serialization. */
    public static WampCodec of(Serialization serialization) {
        return codec(serialization);
    }

    /** The value encoder of a serialization (e.g. to serialize a passthru payload with {@code ppt_serializer}). */
    public static ValueEncoder valueEncoder(Serialization serialization) {
        return codec(serialization);
    }

    private static Codec codec(Serialization serialization) {
        return switch (serialization) {
            case JSON -> JsonCodec.INSTANCE;
            case MSGPACK -> MsgpackCodec.INSTANCE;
            case CBOR -> CborCodec.INSTANCE;
            case UBJSON -> UbjsonCodec.INSTANCE;
        };
    }
}
