package io.junction.core.message;

import java.util.List;
import java.util.Map;

/** A message that ends with the application payload: {@code Arguments|list, ArgumentsKw|dict}. */
public interface PayloadMessage {

    Payload payload();

    /** Positional arguments, or {@code null} when absent. */
    default List<Object> args() {
        return payload().args();
    }

    /** Keyword arguments, or {@code null} when absent. */
    default Map<String, Object> kwargs() {
        return payload().kwargs();
    }
}
