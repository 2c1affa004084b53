package io.junction.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The values of Autobahn|Python's extracted tests: plain JSON values, or
 * {@code {"python_type": ..., "value"/"value_hex"/"expr": ...}} for Python values JSON cannot hold.
 */
public final class PythonValues {

    /** Stands for a Python object of a class of its own ({@code Foo()}), which no codec produces. */
    public static final Object FOREIGN_OBJECT = new Object() {
        @Override
        public String toString() {
            return "Foo()";
        }
    };

    private PythonValues() {
    }

    public static Object toJava(JsonNode node) {
        if (!node.isObject() || !node.has("python_type")) {
            return Vectors.toJava(node);
        }
        return switch (node.get("python_type").asText()) {
            case "None" -> null;
            case "bytes" -> Vectors.hex(node.get("value_hex").asText());
            case "object" -> FOREIGN_OBJECT;
            case "list" -> List.of();
            case "dict" -> Map.of();
            default -> Vectors.toJava(node.get("value"));
        };
    }
}
