package io.junction.core.uri;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PatternIndexTest {

    private record Entry(String pattern, MatchPolicy policy) {
        @Override
        public String toString() {
            return policy.option() + ":" + pattern;
        }
    }

    // ---------------------------------------------------------------- vectors

    static Stream<Arguments> specRegistrationSelection() {
        JsonNode v = Vectors.read("uri-matching/spec_pattern_examples.json").path("rpc_registration_selection");
        List<Arguments> out = new ArrayList<>();
        v.path("calls").forEach(call -> out.add(Arguments.of(call.path("procedure").asText(),
                call.path("string_prefix_semantics_gives").isNull() ? null : call.path("string_prefix_semantics_gives").asInt())));
        return out.stream();
    }

    /** The spec's example, with plain string prefix matching (see the vectors README). */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("specRegistrationSelection")
    void specRegistrationSelection(String procedure, Integer expected) {
        PatternIndex<Integer> index = new PatternIndex<>();
        Vectors.read("uri-matching/spec_pattern_examples.json").path("rpc_registration_selection").path("registrations")
                .forEach(r -> index.put(r.path("procedure").asText(), policy(r.path("match").asText()), r.path("id").asInt()));
        assertThat(index.bestMatch(procedure)).isEqualTo(expected);
    }

    @Test
    void specPubSubPatternExamples() {
        Vectors.read("uri-matching/spec_pattern_examples.json").path("pubsub_pattern_subscriptions").path("cases").forEach(c -> {
            JsonNode subscribe = c.path("subscribe");
            PatternIndex<String> index = new PatternIndex<>();
            String pattern = subscribe.get(3).asText();
            index.put(pattern, policy(subscribe.get(2).path("match").asText()), pattern);
            c.path("topics_matching").forEach(t -> assertThat(index.matches(t.asText())).as(t.asText()).containsExactly(pattern));
            c.path("topics_not_matching").forEach(t -> assertThat(index.matches(t.asText())).as(t.asText()).isEmpty());
        });
    }

    @Test
    void nexusMatchTables() {
        JsonNode nexus = Vectors.read("uri-matching/uri_matching.json").path("nexus");
        checkTable(nexus.path("prefix_match"), MatchPolicy.PREFIX);
        checkTable(nexus.path("wildcard_match"), MatchPolicy.WILDCARD);
    }

    private static void checkTable(JsonNode table, MatchPolicy policy) {
        String uri = table.path("uri").asText();
        table.path("patterns_matching").forEach(p -> {
            PatternIndex<String> index = new PatternIndex<>();
            index.put(p.asText(), policy, p.asText());
            assertThat(index.bestMatch(uri)).as("%s %s", policy, p).isEqualTo(p.asText());
            assertThat(index.matches(uri)).as("%s %s", policy, p).containsExactly(p.asText());
        });
        table.path("patterns_not_matching").forEach(p -> {
            PatternIndex<String> index = new PatternIndex<>();
            index.put(p.asText(), policy, p.asText());
            assertThat(index.bestMatch(uri)).as("%s %s", policy, p).isNull();
            assertThat(index.matches(uri)).as("%s %s", policy, p).isEmpty();
        });
    }

    @Test
    void crossbarObservationCases() {
        Vectors.read("uri-matching/uri_matching.json").path("crossbar").path("cases").forEach(c -> {
            PatternIndex<Integer> index = new PatternIndex<>();
            JsonNode subs = c.path("subscriptions");
            for (int i = 0; i < subs.size(); i++) {
                index.put(subs.get(i).path("pattern").asText(), policy(subs.get(i).path("match").asText()), i);
            }
            String test = c.path("test").asText();
            c.path("uris_matching").forEach(u -> assertThat(index.matches(u.asText())).as(test + " " + u).isNotEmpty());
            c.path("uris_not_matching").forEach(u -> assertThat(index.matches(u.asText())).as(test + " " + u).isEmpty());
            c.path("lookups").properties().forEach(e -> {
                List<Integer> expected = new ArrayList<>();
                e.getValue().forEach(i -> expected.add(i.asInt()));
                // exact, then prefix, then wildcard: the order the vector lists them in
                assertThat(index.matches(e.getKey())).as(test + " " + e.getKey()).containsExactlyElementsOf(expected);
            });
        });
    }

    private static MatchPolicy policy(String match) {
        return MatchPolicy.of(Map.of("match", match));
    }

    // ---------------------------------------------------------------- ordering and bookkeeping

    @Test
    void allMatchesComeExactThenPrefixesShortestFirstThenWildcardsBestFirst() {
        PatternIndex<String> index = new PatternIndex<>();
        for (String p : List.of("a1.b2..d4", "..c3.d4", "a1...d4", "a1.b2.c3.")) {
            index.put(p, MatchPolicy.WILDCARD, "w:" + p);
        }
        for (String p : List.of("a1.b2.c3", "a1", "a1.b", "", "a1.b2.c3.d4")) {
            index.put(p, MatchPolicy.PREFIX, "p:" + p);
        }
        index.put("a1.b2.c3.d4", MatchPolicy.EXACT, "e");
        assertThat(index.matches("a1.b2.c3.d4")).containsExactly("e",
                "p:", "p:a1", "p:a1.b", "p:a1.b2.c3", "p:a1.b2.c3.d4",
                "w:a1.b2.c3.", "w:a1.b2..d4", "w:a1...d4", "w:..c3.d4");
        assertThat(index.bestMatch("a1.b2.c3.d4")).isEqualTo("e");
        index.remove("a1.b2.c3.d4", MatchPolicy.EXACT);
        assertThat(index.bestMatch("a1.b2.c3.d4")).isEqualTo("p:a1.b2.c3.d4");
        for (String p : List.of("a1.b2.c3", "a1", "a1.b", "", "a1.b2.c3.d4")) {
            index.remove(p, MatchPolicy.PREFIX);
        }
        assertThat(index.bestMatch("a1.b2.c3.d4")).isEqualTo("w:a1.b2.c3.");
        assertThat(index.bestMatch("x1.b2.c3.d4")).isEqualTo("w:..c3.d4");
        assertThat(index.bestMatch("a1.b2.c3")).isNull();
    }

    @Test
    void putGetRemoveAndSize() {
        PatternIndex<String> index = new PatternIndex<>();
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.put("com.a", MatchPolicy.EXACT, "1")).isNull();
        assertThat(index.put("com.a", MatchPolicy.PREFIX, "2")).isNull();
        assertThat(index.put("com.a", MatchPolicy.WILDCARD, "3")).isNull();
        assertThat(index.put("com.a", MatchPolicy.PREFIX, "2b")).isEqualTo("2");
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.get("com.a", MatchPolicy.EXACT)).isEqualTo("1");
        assertThat(index.get("com.a", MatchPolicy.PREFIX)).isEqualTo("2b");
        assertThat(index.get("com.a", MatchPolicy.WILDCARD)).isEqualTo("3");
        assertThat(index.get("com", MatchPolicy.PREFIX)).isNull();
        assertThat(index.get("com.a.b", MatchPolicy.WILDCARD)).isNull();
        assertThat(index.remove("com.b", MatchPolicy.PREFIX)).isNull();
        assertThat(index.remove("com", MatchPolicy.WILDCARD)).isNull();
        assertThat(index.remove("com.a", MatchPolicy.WILDCARD)).isEqualTo("3");
        assertThat(index.remove("com.a", MatchPolicy.WILDCARD)).isNull();
        assertThat(index.remove("com.a", MatchPolicy.PREFIX)).isEqualTo("2b");
        assertThat(index.remove("com.a", MatchPolicy.EXACT)).isEqualTo("1");
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.matches("com.a")).isEmpty();
    }

    @Test
    void veryDeepPatternsAndUrisDoNotOverflowTheStack() {
        PatternIndex<String> index = new PatternIndex<>();
        String deep = "a.".repeat(50_000) + "b";
        String deepWildcard = ".".repeat(50_000) + "b";
        index.put(deepWildcard, MatchPolicy.WILDCARD, "w");
        index.put(deep.substring(0, 1000), MatchPolicy.PREFIX, "p");
        assertThat(index.matches(deep)).containsExactly("p", "w");
        index.remove(deep.substring(0, 1000), MatchPolicy.PREFIX);
        assertThat(index.bestMatch(deep)).isEqualTo("w");
        assertThat(index.remove(deepWildcard, MatchPolicy.WILDCARD)).isEqualTo("w");
        assertThat(index.isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- against a reference

    /** Random patterns over a tiny alphabet (so that they overlap a lot), added and removed, checked against brute force. */
    @Test
    void agreesWithBruteForceUnderRandomAddsAndRemoves() {
        Random random = new Random(42);
        String[] components = {"a", "b", "ab", "ba", "a-", "abc"};
        PatternIndex<Entry> index = new PatternIndex<>();
        Map<Entry, Entry> reference = new HashMap<>();
        for (int round = 0; round < 20_000; round++) {
            Entry e = randomEntry(random, components);
            if (random.nextInt(3) == 0) {
                assertThat(index.remove(e.pattern(), e.policy())).isEqualTo(reference.remove(e));
            } else {
                assertThat(index.put(e.pattern(), e.policy(), e)).isEqualTo(reference.put(e, e));
            }
            if (round % 20 == 0) {
                for (int q = 0; q < 10; q++) {
                    String uri = randomUri(random, components);
                    assertThat(index.bestMatch(uri)).as("best for %s in %s", uri, reference.keySet())
                            .isEqualTo(referenceBest(reference.keySet(), uri));
                    assertThat(index.matches(uri)).as("all for %s", uri)
                            .containsExactlyElementsOf(referenceAll(reference.keySet(), uri));
                }
                assertThat(index.size()).isEqualTo(reference.size());
                for (Entry r : reference.keySet()) {
                    assertThat(index.get(r.pattern(), r.policy())).isEqualTo(r);
                }
            }
        }
    }

    private static Entry randomEntry(Random random, String[] components) {
        MatchPolicy policy = MatchPolicy.values()[random.nextInt(3)];
        int n = 1 + random.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('.');
            }
            if (policy != MatchPolicy.WILDCARD || random.nextInt(3) > 0) {
                sb.append(components[random.nextInt(components.length)]);
            }
        }
        String pattern = sb.toString();
        if (policy == MatchPolicy.PREFIX) {
            // also prefixes that end inside a component or with a dot
            pattern = pattern.substring(0, random.nextInt(pattern.length() + 1));
        }
        return new Entry(pattern, policy);
    }

    private static String randomUri(Random random, String[] components) {
        int n = 1 + random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(components[random.nextInt(components.length)]);
        }
        return sb.toString();
    }

    /** The spec's algorithm, literally: exact; else the longest prefix; else the wildcard pattern with the longest concrete runs. */
    static Entry referenceBest(Iterable<Entry> entries, String uri) {
        List<Entry> all = referenceAll(entries, uri);
        return all.stream().filter(e -> e.policy() == MatchPolicy.EXACT).findFirst()
                .or(() -> all.stream().filter(e -> e.policy() == MatchPolicy.PREFIX)
                        .max(Comparator.comparingInt(e -> e.pattern().length())))
                .or(() -> all.stream().filter(e -> e.policy() == MatchPolicy.WILDCARD).findFirst())
                .orElse(null);
    }

    /** Every match: exact, prefixes shortest first, wildcard patterns best first. */
    static List<Entry> referenceAll(Iterable<Entry> entries, String uri) {
        List<Entry> exact = new ArrayList<>();
        List<Entry> prefix = new ArrayList<>();
        List<Entry> wildcard = new ArrayList<>();
        for (Entry e : entries) {
            if (e.policy().matches(e.pattern(), uri)) {
                (e.policy() == MatchPolicy.EXACT ? exact : e.policy() == MatchPolicy.PREFIX ? prefix : wildcard).add(e);
            }
        }
        prefix.sort(Comparator.comparingInt(e -> e.pattern().length()));
        wildcard.sort((x, y) -> compareRuns(concreteRuns(y.pattern()), concreteRuns(x.pattern())));
        List<Entry> out = new ArrayList<>(exact);
        out.addAll(prefix);
        out.addAll(wildcard);
        return out;
    }

    /** Lengths of the runs of concrete components before each wildcard (and after the last). */
    private static List<Integer> concreteRuns(String pattern) {
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (String c : pattern.split("\\.", -1)) {
            if (c.isEmpty()) {
                runs.add(run);
                run = 0;
            } else {
                run++;
            }
        }
        runs.add(run);
        return runs;
    }

    private static int compareRuns(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    // ---------------------------------------------------------------- concurrency

    /**
     * Readers never lock and always see the patterns that are not being changed, while a writer
     * keeps adding and removing overlapping patterns (which split and merge the prefix tree's
     * edges and prune the wildcard trie).
     */
    @Test
    void readersSeeStablePatternsWhileAWriterChurns() throws Exception {
        PatternIndex<String> index = new PatternIndex<>();
        index.put("com.example.stable.", MatchPolicy.PREFIX, "stable-prefix");
        index.put("com..stable.x", MatchPolicy.WILDCARD, "stable-wildcard");
        index.put("org.exact.one", MatchPolicy.EXACT, "stable-exact");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch readersDone = new CountDownLatch(2);
        Runnable reader = () -> {
            try {
                while (!stop.get()) {
                    // longer churned prefixes ("com.example.stable.t...") may win here, nowhere else
                    check(index.bestMatch("com.example.stable.thing"), "stable-prefix", true);
                    check(index.bestMatch("com.other.stable.x"), "stable-wildcard", false);
                    check(index.bestMatch("org.exact.one"), "stable-exact", false);
                    List<String> all = index.matches("com.example.stable.x");
                    if (!all.contains("stable-prefix") || !all.contains("stable-wildcard")) {
                        throw new AssertionError("missing stable matches: " + all);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                readersDone.countDown();
            }
        };
        new Thread(reader, "reader-1").start();
        new Thread(reader, "reader-2").start();
        Random random = new Random(7);
        String[] churn = {"com.example.s", "com.example.st", "com.example.stable.t", "com.e", "com.example.stable.thing",
                "com.example.stabl", "org.exact", "org.exact.on"};
        for (int i = 0; i < 200_000 && failure.get() == null; i++) {
            String p = churn[random.nextInt(churn.length)];
            if (random.nextBoolean()) {
                index.put(p, MatchPolicy.PREFIX, "churn");
                index.put(p.replace("example", ""), MatchPolicy.WILDCARD, "churn");
            } else {
                index.remove(p, MatchPolicy.PREFIX);
                index.remove(p.replace("example", ""), MatchPolicy.WILDCARD);
            }
        }
        stop.set(true);
        assertThat(readersDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isNull();
    }

    private static void check(String actual, String expected, boolean churnMayWin) {
        if (!expected.equals(actual) && !(churnMayWin && "churn".equals(actual))) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }
}
