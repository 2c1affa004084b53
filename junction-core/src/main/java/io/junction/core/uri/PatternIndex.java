package io.junction.core.uri;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Values (subscriptions, registrations) keyed by a URI pattern and its {@link MatchPolicy}, found
 * by the concrete URIs they match: exact patterns in a hash map, prefix patterns in a radix tree
 * over characters (plain string prefix: {@code com.example} matches {@code com.example2}),
 * wildcard patterns in a trie over components. The cost of a lookup depends on the URI and on the
 * patterns that match it, never on the number of unrelated patterns.
 *
 * <p>Two lookups:
 * <ul>
 * <li>{@link #forEachMatch}: every value whose pattern matches (pattern-based subscriptions);
 * <li>{@link #bestMatch}: the one value a call is routed to, by the Advanced Profile's algorithm
 *     for pattern-based registrations: an exact match, else the longest matching prefix, else
 *     the wildcard pattern with the longest run of concrete components before its first wildcard,
 *     then before its second, and so on. The order is total: no two matching patterns tie (two
 *     prefixes of one URI of equal length are equal; two wildcard patterns matching one URI with
 *     wildcards in the same positions are equal), so the choice never depends on insertion order.
 * </ul>
 *
 * <p>Thread safety: lookups never lock and may run concurrently with one mutation; each pattern
 * is seen either fully added or not at all. Mutations ({@link #put}, {@link #remove}) must be
 * serialized by the caller (e.g. under the owning broker's or dealer's lock).
 *
 * @param <V> the value kept per (pattern, policy)
 */
public final class PatternIndex<V> {

    private final ConcurrentHashMap<String, V> exact = new ConcurrentHashMap<>();
    private final PrefixTree<V> prefix = new PrefixTree<>();
    private final WildcardTree<V> wildcard = new WildcardTree<>();

    /** The value of exactly this pattern and policy, or {@code null}. */
    public V get(String pattern, MatchPolicy policy) {
        return switch (policy) {
            case EXACT -> exact.get(pattern);
            case PREFIX -> prefix.get(pattern);
            case WILDCARD -> wildcard.get(pattern);
        };
    }

    /**
     * Sets the value of {@code pattern} under {@code policy}. Caller-serialized.
     *
     * @return the previous value, or {@code null}
     */
    public V put(String pattern, MatchPolicy policy, V value) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(value, "value");
        return switch (policy) {
            case EXACT -> exact.put(pattern, value);
            case PREFIX -> prefix.put(pattern, value);
            case WILDCARD -> wildcard.put(pattern, value);
        };
    }

    /**
     * Removes {@code pattern} under {@code policy}. Caller-serialized.
     *
     * @return the removed value, or {@code null} if there was none
     */
    public V remove(String pattern, MatchPolicy policy) {
        return switch (policy) {
            case EXACT -> exact.remove(pattern);
            case PREFIX -> prefix.remove(pattern);
            case WILDCARD -> wildcard.remove(pattern);
        };
    }

    /** How many (pattern, policy) entries there are. */
    public int size() {
        return exact.size() + prefix.size() + wildcard.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * The value a call to {@code uri} goes to: exact, else longest prefix, else best wildcard
     * (see the class comment); {@code null} if no pattern matches.
     */
    public V bestMatch(String uri) {
        V v = exact.get(uri);
        if (v != null) {
            return v;
        }
        if (prefix.size() > 0) {
            v = prefix.longestPrefixOf(uri);
            if (v != null) {
                return v;
            }
        }
        return wildcard.bestMatch(uri);
    }

    /**
     * Visits the value of every pattern that matches {@code uri}, each once: the exact match,
     * then matching prefixes from shortest to longest, then matching wildcard patterns from the
     * best (see {@link #bestMatch}).
     */
    public void forEachMatch(String uri, Consumer<? super V> action) {
        V v = exact.get(uri);
        if (v != null) {
            action.accept(v);
        }
        if (prefix.size() > 0) {
            prefix.forEachPrefixOf(uri, action);
        }
        wildcard.forEachMatch(uri, action);
    }

    /** The values of every pattern that matches {@code uri}, in the order of {@link #forEachMatch}. */
    public List<V> matches(String uri) {
        List<V> out = new ArrayList<>();
        forEachMatch(uri, out::add);
        return out;
    }
}
