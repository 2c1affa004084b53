package io.junction.router.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML mapping being read into config records: typed accessors that know the path of each key,
 * so that every error says exactly which key is wrong and why.
 */
final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private final JsonNode node;
    private final String path;

    private ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The document root; an empty document reads as an empty mapping. */
    static ConfigNode root(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new ConfigNode(null, "");
        }
        if (!node.isObject()) {
            throw new ConfigException("", "the configuration must be a mapping of keys to values, got " + describe(node));
        }
        return new ConfigNode(node, "");
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return node != null && node.has(key);
    }

    /** Fails on the first key that is not one of {@code allowed}. */
    void allowOnly(String... allowed) {
        if (node == null) {
            return;
        }
        Set<String> known = Set.of(allowed);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ConfigException(pathOf(name), known.isEmpty() ? "unknown key (no keys are allowed here)"
                        : "unknown key (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** Fails if {@code key} is present: it does not apply here, for {@code why}. */
    void forbid(String key, String why) {
        if (has(key)) {
            throw new ConfigException(pathOf(key), "not allowed " + why);
        }
    }

    String string(String key, String defaultValue) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isTextual()) {
            throw error(key, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    /** A secret string (ticket, password, key): like {@link #string}, but an error never shows the value. */
    String secret(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(key, "must be a string (quote it in YAML)");
        }
        return v.asText();
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, got " + describe(v));
        }
        return v.booleanValue();
    }

    int integer(String key, int defaultValue, int min, int max) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isIntegralNumber()) {
            throw error(key, "must be an integer " + min + ".." + max + ", got " + describe(v));
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw error(key, "must be " + min + ".." + max + ", got " + v.asText());
        }
        return v.intValue();
    }

    /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m} or {@code 1h}. */
    Duration duration(String key, Duration defaultValue, Duration min) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        Matcher m = v.isTextual() ? DURATION.matcher(v.asText().trim()) : null;
        if (m == null || !m.matches()) {
            throw error(key, "must be a duration such as 10s or 500ms (units ms, s, m, h), got " + describe(v));
        }
        Duration d;
        try {
            long amount = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw error(key, "is too large: " + v.asText());
        }
        if (d.compareTo(min) < 0) {
            throw error(key, "must be at least " + min.toMillis() + "ms, got " + v.asText());
        }
        return d;
    }

    /** A size in bytes: a plain number, or a number with unit {@code B}, {@code KiB}, {@code MiB} or {@code GiB}. */
    long size(String key, long defaultValue, long min, long max) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        long bytes;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            bytes = v.longValue();
        } else {
            Matcher m = v.isTextual() ? SIZE.matcher(v.asText().trim()) : null;
            if (m == null || !m.matches()) {
                throw error(key, "must be a size such as 16MiB, 64KiB or a number of bytes, got " + describe(v));
            }
            String unit = m.group(2) == null ? "B" : m.group(2);
            int shift = switch (unit) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                case "GiB" -> 30;
                default -> 0;
            };
            try {
                long amount = Long.parseLong(m.group(1));
                bytes = Math.multiplyExact(amount, 1L << shift);
            } catch (ArithmeticException | NumberFormatException e) {
                throw error(key, "is too large: " + v.asText());
            }
        }
        if (bytes < min || bytes > max) {
            throw error(key, "must be " + formatSize(min) + ".." + formatSize(max) + ", got " + v.asText());
        }
        return bytes;
    }

    /** One of a fixed set of words; {@code choices} maps each accepted word to its value. */
    <E> E choice(String key, E defaultValue, Map<String, E> choices) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        E e = v.isTextual() ? choices.get(v.asText()) : null;
        if (e == null) {
            throw error(key, "must be one of " + String.join(", ", choices.keySet()) + ", got " + describe(v));
        }
        return e;
    }

    /** Whether {@code key} holds a list (rather than a mapping or a scalar). */
    boolean isList(String key) {
        JsonNode v = value(key);
        return v != null && v.isArray();
    }

    /** A list of strings; {@code null} if the key is absent. */
    List<String> strings(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw error(key, "must be a list, got " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw new ConfigException(pathOf(key) + "[" + i + "]", "must be a string, got " + describe(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A list of mappings; {@code null} if the key is absent. */
    List<ConfigNode> objects(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw error(key, "must be a list, got " + describe(v));
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (!item.isObject()) {
                throw new ConfigException(itemPath, "must be a mapping of keys to values, got " + describe(item));
            }
            out.add(new ConfigNode(item, itemPath));
        }
        return out;
    }

    /** A nested mapping; an empty one if the key is absent. */
    ConfigNode object(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return new ConfigNode(null, pathOf(key));
        }
        if (!v.isObject()) {
            throw error(key, "must be a mapping of keys to values, got " + describe(v));
        }
        return new ConfigNode(v, pathOf(key));
    }

    /** The entries of a mapping whose keys are names chosen by the user, in file order. */
    Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String entryPath = pathOf(e.getKey());
            JsonNode v = e.getValue();
            if (v.isNull()) {
                v = null; // "anonymous:" with nothing after it: no settings
            } else if (!v.isObject()) {
                throw new ConfigException(entryPath, "must be a mapping of keys to values, got " + describe(v));
            }
            out.put(e.getKey(), new ConfigNode(v, entryPath));
        }
        return out;
    }

    /** The keys of this mapping, in file order. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    ConfigException error(String key, String reason) {
        return new ConfigException(pathOf(key), reason);
    }

    private JsonNode value(String key) {
        if (node == null || !node.has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        if (v.isNull()) {
            throw error(key, "has no value");
        }
        return v;
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        return v.asText().toLowerCase(Locale.ROOT);
    }

    static String formatSize(long bytes) {
        if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
