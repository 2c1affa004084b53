package io.junction.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The options dict of a request, built fluently. Instances are immutable (each setter returns a
 * new instance), so one can be kept in a constant and shared. Only options that were set are
 * sent. Each typed setter is one line over {@link #option(String, Object)}, which also sets
 * options this class has no setter for (e.g. a router's extensions).
 */
public abstract class Options<O extends Options<O>> {

    private final Map<String, Object> options;

    protected Options(Map<String, Object> options) {
        this.options = options;
    }

    /** Sets option {@code name} to a WAMP value; {@code null} removes it. */
    public O option(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> m = new LinkedHashMap<>(options);
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return create(Collections.unmodifiableMap(m));
    }

    /** The options as sent, in the order they were set. */
    public Map<String, Object> toMap() {
        return options;
    }

    protected abstract O create(Map<String, Object> options);

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((Options<?>) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + options;
    }
}
