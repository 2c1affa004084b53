package io.junction.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the command line reads and shows WAMP values.
 *
 * <ul>
 *   <li>An argument is a JSON literal ({@code 42}, {@code "text"}, {@code [1,2]}, {@code {"a":1}},
 *       {@code true}, {@code null}); anything that is not valid JSON is taken as a string, so a bare
 *       word needs no quotes.</li>
 *   <li>Binary values are written the way WAMP's JSON serialization writes them: a string of the
 *       character U+0000 followed by the Base64 of the bytes, which JSON shows as
 *       {@code "\u0000AQID"}. Such a string given as an argument is sent as binary.</li>
 * </ul>
 */
final class JsonValues {

    private static final char BINARY_MARK = '\u0000';

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule().addSerializer(byte[].class, new BinarySerializer()))
            .build();

    private JsonValues() {
    }

    /** An argument from the command line: its JSON value, or the text itself if it is not valid JSON. */
    static Object parseArgument(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /**
     * A JSON document as WAMP values (binary strings become {@code byte[]}).
     *
     * @throws IllegalArgumentException if the text is not one valid JSON value
     */
    static Object parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        try {
            return binaries(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** A WAMP value as one line of JSON. */
    static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object binaries(Object value) {
        if (value instanceof String s) {
            return isBinary(s) ? Base64.getDecoder().decode(s.substring(1)) : s;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(binaries(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, binaries(v)));
            return out;
        }
        return value;
    }

    private static boolean isBinary(String s) {
        if (s.isEmpty() || s.charAt(0) != BINARY_MARK) {
            return false;
        }
        try {
            Base64.getDecoder().decode(s.substring(1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final class BinarySerializer extends StdSerializer<byte[]> {

        BinarySerializer() {
            super(byte[].class);
        }

        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(BINARY_MARK + Base64.getEncoder().encodeToString(value));
        }
    }
}
