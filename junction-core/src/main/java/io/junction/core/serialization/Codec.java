package io.junction.core.serialization;

/** What each of Junction's codecs is: a message codec that also encodes single values. */
interface Codec extends WampCodec, ValueEncoder {
}
