package io.junction.core.uri;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Prefix patterns in a radix tree over characters: each edge holds a run of characters, each node
 * the value of the pattern spelled by the path to it. A lookup walks the URI once, so its cost
 * depends on the URI's length, not on how many patterns there are.
 *
 * <p>Readers never lock. Labels are immutable and a node's children array is replaced, never
 * changed in place; splitting or merging a node builds new nodes and swaps them into the parent in
 * one write. A reader that holds an old node keeps seeing a consistent (older) tree. Mutations
 * must be serialized by the caller.
 */
final class PrefixTree<V> {

    private static final class Node<V> {
        /** The characters on the edge into this node ({@code ""} for the root). */
        final String label;
        volatile V value;
        /** Sorted by the first character of their labels, which are distinct. Replaced on change. */
        volatile Node<V>[] children;

        Node(String label, V value, Node<V>[] children) {
            this.label = label;
            this.value = value;
            this.children = children;
        }
    }

    private final Node<V> root = new Node<>("", null, none());
    private volatile int size;

    int size() {
        return size;
    }

    V get(String pattern) {
        Node<V> node = find(pattern);
        return node == null ? null : node.value;
    }

    /** @return the previous value of {@code pattern}, or {@code null} */
    V put(String pattern, V value) {
        Node<V> node = root;
        int i = 0;
        while (true) {
            if (i == pattern.length()) {
                V old = node.value;
                node.value = value;
                if (old == null) {
                    size++;
                }
                return old;
            }
            Node<V>[] kids = node.children;
            int k = indexOf(kids, pattern.charAt(i));
            if (k < 0) {
                node.children = inserted(kids, new Node<>(pattern.substring(i), value, none()));
                size++;
                return null;
            }
            Node<V> child = kids[k];
            int common = commonLength(child.label, pattern, i);
            if (common == child.label.length()) {
                node = child;
                i += common;
                continue;
            }
            // The pattern leaves the child's edge part-way: split the edge at that point.
            Node<V> lower = new Node<>(child.label.substring(common), child.value, child.children);
            Node<V> middle;
            if (i + common == pattern.length()) {
                middle = new Node<>(child.label.substring(0, common), value, one(lower));
            } else {
                Node<V> leaf = new Node<>(pattern.substring(i + common), value, none());
                middle = new Node<>(child.label.substring(0, common), null, inserted(one(lower), leaf));
            }
            node.children = replaced(kids, k, middle);
            size++;
            return null;
        }
    }

    /** @return the removed value, or {@code null} if {@code pattern} had none */
    V remove(String pattern) {
        Node<V> grandparent = null;
        Node<V> parent = null;
        Node<V> node = root;
        int i = 0;
        while (i < pattern.length()) {
            Node<V>[] kids = node.children;
            int k = indexOf(kids, pattern.charAt(i));
            if (k < 0 || !pattern.startsWith(kids[k].label, i)) {
                return null;
            }
            grandparent = parent;
            parent = node;
            node = kids[k];
            i += node.label.length();
        }
        V old = node.value;
        if (old == null) {
            return null;
        }
        node.value = null;
        size--;
        if (node == root) {
            return old;
        }
        Node<V>[] kids = node.children;
        if (kids.length == 0) {
            parent.children = removed(parent.children, indexOf(parent.children, node.label.charAt(0)));
            if (parent != root && parent.value == null && parent.children.length == 1) {
                replace(grandparent, parent, merged(parent, parent.children[0]));
            }
        } else if (kids.length == 1) {
            replace(parent, node, merged(node, kids[0]));
        }
        return old;
    }

    /** The value of the longest pattern that is a prefix of {@code uri}, or {@code null}. */
    V longestPrefixOf(String uri) {
        Node<V> node = root;
        V best = node.value;
        int i = 0;
        while (i < uri.length()) {
            Node<V> child = child(node, uri, i);
            if (child == null) {
                break;
            }
            i += child.label.length();
            node = child;
            V v = node.value;
            if (v != null) {
                best = v;
            }
        }
        return best;
    }

    /** Visits the value of every pattern that is a prefix of {@code uri}, shortest first. */
    void forEachPrefixOf(String uri, Consumer<? super V> action) {
        Node<V> node = root;
        int i = 0;
        while (true) {
            V v = node.value;
            if (v != null) {
                action.accept(v);
            }
            if (i == uri.length()) {
                return;
            }
            Node<V> child = child(node, uri, i);
            if (child == null) {
                return;
            }
            i += child.label.length();
            node = child;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The child whose whole edge label continues {@code uri} at {@code i}, or {@code null}. */
    private static <V> Node<V> child(Node<V> node, String uri, int i) {
        Node<V>[] kids = node.children;
        int k = indexOf(kids, uri.charAt(i));
        if (k < 0) {
            return null;
        }
        Node<V> child = kids[k];
        return uri.startsWith(child.label, i) ? child : null;
    }

    private Node<V> find(String pattern) {
        Node<V> node = root;
        int i = 0;
        while (i < pattern.length()) {
            node = child(node, pattern, i);
            if (node == null) {
                return null;
            }
            i += node.label.length();
        }
        return node;
    }

    private static <V> Node<V> merged(Node<V> upper, Node<V> lower) {
        return new Node<>(upper.label + lower.label, lower.value, lower.children);
    }

    private static <V> void replace(Node<V> parent, Node<V> old, Node<V> replacement) {
        Node<V>[] kids = parent.children;
        parent.children = replaced(kids, indexOf(kids, old.label.charAt(0)), replacement);
    }

    private static int commonLength(String label, String pattern, int from) {
        int max = Math.min(label.length(), pattern.length() - from);
        int n = 0;
        while (n < max && label.charAt(n) == pattern.charAt(from + n)) {
            n++;
        }
        return n;
    }

    /** Binary search by first character: the index, or {@code -(insertion point) - 1}. */
    private static int indexOf(Node<?>[] kids, char c) {
        int lo = 0;
        int hi = kids.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = kids[mid].label.charAt(0);
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private static <V> Node<V>[] inserted(Node<V>[] kids, Node<V> node) {
        int at = -indexOf(kids, node.label.charAt(0)) - 1;
        Node<V>[] out = Arrays.copyOf(kids, kids.length + 1);
        System.arraycopy(kids, at, out, at + 1, kids.length - at);
        out[at] = node;
        return out;
    }

    private static <V> Node<V>[] replaced(Node<V>[] kids, int at, Node<V> node) {
        Node<V>[] out = kids.clone();
        out[at] = node;
        return out;
    }

    private static <V> Node<V>[] removed(Node<V>[] kids, int at) {
        Node<V>[] out = Arrays.copyOf(kids, kids.length - 1);
        System.arraycopy(kids, at + 1, out, at, kids.length - at - 1);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] none() {
        return (Node<V>[]) new Node<?>[0];
    }

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] one(Node<V> node) {
        return (Node<V>[]) new Node<?>[] {node};
    }
}
