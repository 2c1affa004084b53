package io.junction.router.uri;

/**
 * How strictly a realm checks the URIs of topics and procedures (WAMP Basic Profile, "URIs").
 *
 * <p>Both rules forbid empty components (except where a pattern explicitly allows them), and
 * {@code .}, {@code #} and whitespace inside a component. {@link #STRICT} further restricts
 * components to lower-case ASCII letters, digits and {@code _}.
 */
public enum UriCheck {
    LOOSE,
    STRICT;

    /** Whether {@code uri} is a valid URI without empty components. */
    public boolean isValid(String uri) {
        return isValid(uri, false);
    }

    /**
     * Whether {@code uri} is valid; {@code allowEmptyComponents} is for the patterns of
     * wildcard subscriptions and registrations, where an empty component stands for "any".
     */
    public boolean isValid(String uri, boolean allowEmptyComponents) {
        if (uri == null) {
            return false;
        }
        int componentLength = 0;
        for (int i = 0; i < uri.length(); ) {
            int c = uri.codePointAt(i);
            i += Character.charCount(c);
            if (c == '.') {
                if (componentLength == 0 && !allowEmptyComponents) {
                    return false;
                }
                componentLength = 0;
            } else if (isAllowedInComponent(c)) {
                componentLength++;
            } else {
                return false;
            }
        }
        return componentLength > 0 || allowEmptyComponents;
    }

    private boolean isAllowedInComponent(int c) {
        if (this == STRICT) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        return c != '#' && !Character.isWhitespace(c) && !Character.isSpaceChar(c);
    }
}
