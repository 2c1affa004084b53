package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.message.Dicts;

import java.util.List;
import java.util.Map;

/** A later chunk of arguments of a progressive call invocation (see {@link Invocation#onChunk}). */
public final class Chunk extends Arguments {

    private final boolean last;

    public Chunk(List<Object> args, Map<String, Object> kwargs, boolean last, ObjectMapper mapper) {
        super(args, kwargs, mapper);
        this.last = last;
    }

    /** Whether this is the caller's final chunk. */
    public boolean isLast() {
        return last;
    }

    @Override
    public String toString() {
        return "Chunk[args=" + Dicts.toString(args()) + ", kwargs=" + Dicts.toString(kwargs()) + (last ? ", last" : "") + "]";
    }
}
