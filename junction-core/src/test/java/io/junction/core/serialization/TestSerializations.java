package io.junction.core.serialization;

import java.util.List;

/** The serializations the codec tests run over. */
final class TestSerializations {

    static final List<Serialization> IMPLEMENTED = List.of(Serialization.values());

    private TestSerializations() {
    }
}
