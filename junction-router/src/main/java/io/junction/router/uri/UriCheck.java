package io.junction.router.uri;

import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.Uris;

/**
 * How strictly a realm checks the URIs of topics and procedures (realm setting {@code uri_check}).
 * The rules themselves are {@link Uris}'.
 */
public enum UriCheck {
    /** Components must be non-empty and hold no {@code .}, {@code #} or whitespace (the WAMP rule). */
    LOOSE,
    /** Components may only hold lower-case ASCII letters, digits and {@code _}. */
    STRICT;

    /** Whether {@code uri} is a valid concrete URI (no empty components). */
    public boolean isValid(String uri) {
        return uri != null && Uris.isValid(uri, this == STRICT, false);
    }

    /** Whether {@code uri} is a valid subscription or registration pattern for {@code match}. */
    public boolean isValidPattern(String uri, MatchPolicy match) {
        return uri != null && Uris.isValidPattern(uri, this == STRICT, match);
    }
}
