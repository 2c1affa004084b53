package io.junction.router.authorization;

import io.junction.core.uri.MatchPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticRoleTest {

    private static Permission rule(String uri, MatchPolicy match, Action... allowed) {
        return new Permission(uri, match, Set.of(allowed), false, false, true);
    }

    @Test
    void wildcardsRankByTheirLeadingConcreteComponents() {
        StaticRole role = new StaticRole(List.of(
                rule("a..c.d", MatchPolicy.WILDCARD, Action.CALL),
                rule("a.b..d", MatchPolicy.WILDCARD, Action.SUBSCRIBE),
                rule("...d", MatchPolicy.WILDCARD, Action.PUBLISH)));
        // a.b..d has the longer first run of concrete components
        assertThat(role.decide(Action.SUBSCRIBE, "a.b.c.d").allowed()).isTrue();
        assertThat(role.decide(Action.CALL, "a.b.c.d").allowed()).isFalse();
        assertThat(role.decide(Action.CALL, "a.x.c.d").allowed()).isTrue();
        assertThat(role.decide(Action.PUBLISH, "x.y.z.d").allowed()).isTrue();
        assertThat(role.decide(Action.PUBLISH, "a.x.c.d").allowed()).isFalse();
    }

    @Test
    void prefixIsAPlainStringPrefix() {
        StaticRole role = new StaticRole(List.of(rule("com.example", MatchPolicy.PREFIX, Action.CALL)));
        assertThat(role.decide(Action.CALL, "com.example2.x").allowed()).isTrue();
        assertThat(role.decide(Action.CALL, "com.exampl").allowed()).isFalse();
    }

    @Test
    void decisionsStayRightPastTheCacheBound() {
        StaticRole role = new StaticRole(List.of(rule("com.", MatchPolicy.PREFIX, Action.CALL),
                rule("com.secret", MatchPolicy.EXACT)));
        for (int i = 0; i < StaticRole.MAX_CACHED_URIS + 100; i++) {
            assertThat(role.decide(Action.CALL, "com.x" + i).allowed()).isTrue();
            assertThat(role.decide(Action.CALL, "org.x" + i).allowed()).isFalse();
        }
        assertThat(role.decide(Action.CALL, "com.secret").allowed()).isFalse();
        assertThat(role.decide(Action.CALL, "com.x1").allowed()).isTrue();
        assertThat(role.cachedUris()).isEqualTo(StaticRole.MAX_CACHED_URIS);
    }

    @Test
    void longUrisAreDecidedButNotKept() {
        StaticRole role = new StaticRole(List.of(rule("com.", MatchPolicy.PREFIX, Action.CALL)));
        String longUri = "com." + "x".repeat(StaticRole.MAX_CACHED_URI_LENGTH);
        for (int i = 0; i < 100; i++) {
            assertThat(role.decide(Action.CALL, longUri + i).allowed()).isTrue();
            assertThat(role.decide(Action.CALL, "org" + longUri + i).allowed()).isFalse();
        }
        assertThat(role.cachedUris()).isZero();
    }

    @Test
    void decidingDoesNotAllocateDecisions() {
        StaticRole role = new StaticRole(List.of(rule("com.", MatchPolicy.PREFIX, Action.CALL)));
        assertThat(role.decide(Action.CALL, "com.a")).isSameAs(role.decide(Action.CALL, "com.b"))
                .isSameAs(Decision.ALLOW);
        assertThat(role.decide(Action.REGISTER, "com.a")).isSameAs(Decision.DENY);
    }

    @Test
    void twoPermissionsForOneUriAndMatchAreAMistake() {
        assertThatThrownBy(() -> new StaticRole(List.of(rule("a", MatchPolicy.EXACT), rule("a", MatchPolicy.EXACT))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
