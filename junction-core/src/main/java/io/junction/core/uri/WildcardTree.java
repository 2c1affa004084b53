package io.junction.core.uri;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Wildcard patterns in a trie over URI components: level {@code n} holds the patterns' n-th
 * components, each node has children by concrete component and one child for the empty
 * component (the wildcard). A URI matches the patterns at the end of the paths that follow its
 * components, taking either the concrete child or the wildcard at each level; a lookup visits only
 * nodes on such paths, however many unrelated patterns there are.
 *
 * <p>Readers never lock: children live in concurrent maps and volatile fields. Mutations must be
 * serialized by the caller; they link nodes top-down and set the value last, so a reader sees a
 * pattern either fully or not at all.
 */
final class WildcardTree<V> {

    private static final class Node<V> {
        volatile V value;
        /** Children by concrete component; created on first use. */
        volatile ConcurrentHashMap<String, Node<V>> concrete;
        /** The child for an empty (wildcard) component. */
        volatile Node<V> any;

        boolean isEmpty() {
            ConcurrentHashMap<String, Node<V>> c = concrete;
            return value == null && any == null && (c == null || c.isEmpty());
        }
    }

    private final Node<V> root = new Node<>();
    private volatile int size;

    int size() {
        return size;
    }

    V get(String pattern) {
        Node<V> node = root;
        int start = 0;
        while (node != null) {
            int end = componentEnd(pattern, start);
            node = child(node, pattern, start, end);
            if (end == pattern.length()) {
                return node == null ? null : node.value;
            }
            start = end + 1;
        }
        return null;
    }

    /** @return the previous value of {@code pattern}, or {@code null} */
    V put(String pattern, V value) {
        Node<V> node = root;
        int start = 0;
        while (true) {
            int end = componentEnd(pattern, start);
            Node<V> next = child(node, pattern, start, end);
            if (next == null) {
                next = new Node<>();
                if (end == start) {
                    node.any = next;
                } else {
                    ConcurrentHashMap<String, Node<V>> c = node.concrete;
                    if (c == null) {
                        c = new ConcurrentHashMap<>(4);
                        node.concrete = c;
                    }
                    c.put(pattern.substring(start, end), next);
                }
            }
            node = next;
            if (end == pattern.length()) {
                V old = node.value;
                node.value = value;
                if (old == null) {
                    size++;
                }
                return old;
            }
            start = end + 1;
        }
    }

    /** @return the removed value, or {@code null} if {@code pattern} had none */
    V remove(String pattern) {
        List<Node<V>> path = new ArrayList<>();
        List<String> components = new ArrayList<>();
        Node<V> node = root;
        int start = 0;
        while (true) {
            int end = componentEnd(pattern, start);
            Node<V> next = child(node, pattern, start, end);
            if (next == null) {
                return null;
            }
            path.add(node);
            components.add(pattern.substring(start, end));
            node = next;
            if (end == pattern.length()) {
                break;
            }
            start = end + 1;
        }
        V old = node.value;
        if (old == null) {
            return null;
        }
        node.value = null;
        size--;
        // Unlink the nodes that no longer lead to any pattern, bottom-up.
        for (int level = path.size() - 1; level >= 0 && node.isEmpty(); level--) {
            Node<V> parent = path.get(level);
            String component = components.get(level);
            if (component.isEmpty()) {
                parent.any = null;
            } else {
                parent.concrete.remove(component, node);
            }
            node = parent;
        }
        return old;
    }

    /**
     * The best wildcard match for {@code uri}: among the patterns that match, the one with the
     * longest run of concrete components before its first wildcard, then before its second, and
     * so on. That order is a depth-first walk trying the concrete child before the wildcard at
     * each level: the first pattern it reaches is the best. No two matching patterns tie: two
     * that match the same URI with their wildcards in the same places are the same pattern.
     */
    V bestMatch(String uri) {
        Object[] found = new Object[1];
        walk(uri, v -> {
            found[0] = v;
            return false;
        });
        @SuppressWarnings("unchecked")
        V best = (V) found[0];
        return best;
    }

    /** Visits the value of every pattern matching {@code uri}, best first (see {@link #bestMatch}). */
    void forEachMatch(String uri, Consumer<? super V> action) {
        walk(uri, v -> {
            action.accept(v);
            return true;
        });
    }

    private interface Visitor<V> {
        /** @return whether to go on */
        boolean visit(V value);
    }

    /**
     * Depth-first over the nodes that match {@code uri}'s components, the concrete child before
     * the wildcard at each level. An explicit stack instead of recursion: patterns may be deep.
     */
    @SuppressWarnings("unchecked")
    private void walk(String uri, Visitor<V> visitor) {
        if (size == 0) {
            return;
        }
        Node<V>[] nodes = (Node<V>[]) new Node<?>[8];
        int[] starts = new int[8];
        nodes[0] = root;
        int top = 1;
        while (top > 0) {
            top--;
            Node<V> node = nodes[top];
            int start = starts[top];
            int end = componentEnd(uri, start);
            ConcurrentHashMap<String, Node<V>> c = node.concrete;
            Node<V> concrete = c == null || end == start ? null : c.get(uri.substring(start, end));
            Node<V> any = node.any;
            if (end == uri.length()) {
                V v;
                if (concrete != null && (v = concrete.value) != null && !visitor.visit(v)) {
                    return;
                }
                if (any != null && (v = any.value) != null && !visitor.visit(v)) {
                    return;
                }
                continue;
            }
            if (top + 2 > nodes.length) {
                nodes = Arrays.copyOf(nodes, nodes.length * 2);
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            // pushed wildcard first, so that the concrete child's subtree is walked first
            if (any != null) {
                nodes[top] = any;
                starts[top++] = end + 1;
            }
            if (concrete != null) {
                nodes[top] = concrete;
                starts[top++] = end + 1;
            }
        }
    }

    private static <V> Node<V> child(Node<V> node, String uri, int start, int end) {
        if (end == start) {
            return node.any;
        }
        ConcurrentHashMap<String, Node<V>> c = node.concrete;
        return c == null ? null : c.get(uri.substring(start, end));
    }

    private static int componentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }
}
