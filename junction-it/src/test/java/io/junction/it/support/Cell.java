package io.junction.it.support;

import io.junction.core.serialization.Serialization;

import java.util.ArrayList;
import java.util.List;

/** One cell of the test matrix: a transport and a serialization, named e.g. {@code rawsocket/cbor}. */
public record Cell(WireTransport transport, Serialization serialization) {

    /** Every transport with every serialization. */
    public static List<Cell> all() {
        List<Cell> cells = new ArrayList<>();
        for (WireTransport t : WireTransport.values()) {
            for (Serialization s : Serialization.values()) {
                cells.add(new Cell(t, s));
            }
        }
        return cells;
    }

    /** A name usable in URIs: {@code rawsocket_cbor}. */
    public String id() {
        return transport.toString().replace('-', '_') + "_" + serialization.id();
    }

    @Override
    public String toString() {
        return transport + "/" + serialization.id();
    }
}
