package io.junction.router.uri;

import io.junction.core.uri.MatchPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm setting maps onto core's URI rules (whose vector tests live in junction-core). */
class UriCheckTest {

    @Test
    void looseAcceptsWhatStrictRejects() {
        assertThat(UriCheck.LOOSE.isValid("com.Example.topic-1")).isTrue();
        assertThat(UriCheck.STRICT.isValid("com.Example.topic-1")).isFalse();
        assertThat(UriCheck.STRICT.isValid("com.example.topic_1")).isTrue();
    }

    @Test
    void concreteUrisHaveNoEmptyComponents() {
        assertThat(UriCheck.LOOSE.isValid("com..topic")).isFalse();
        assertThat(UriCheck.LOOSE.isValid(null)).isFalse();
        assertThat(UriCheck.LOOSE.isValid("com.a b")).isFalse();
    }

    @Test
    void patternsFollowTheirMatchPolicy() {
        assertThat(UriCheck.LOOSE.isValidPattern("com..topic", MatchPolicy.WILDCARD)).isTrue();
        assertThat(UriCheck.LOOSE.isValidPattern("com..topic", MatchPolicy.EXACT)).isFalse();
        assertThat(UriCheck.LOOSE.isValidPattern("com.app.", MatchPolicy.PREFIX)).isTrue();
    }
}
