package io.junction.core.uri;

/**
 * WAMP URI rules (Basic Profile, "URIs"): components separated by {@code .}; a loose component
 * holds no whitespace, {@code .} or {@code #}; a strict one only {@code [0-9a-z_]}. Empty
 * components are wildcards, allowed only where a pattern may hold them.
 */
public final class Uris {

    private Uris() {
    }

    /**
     * Whether {@code uri} is valid: the spec's regular expressions, e.g. loose without empty
     * components {@code ^([^\s\.#]+\.)*([^\s\.#]+)$}. With empty components allowed, the empty
     * string is valid too.
     */
    public static boolean isValid(String uri, boolean strict, boolean allowEmptyComponents) {
        if (uri == null) {
            return false;
        }
        int componentLength = 0;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '.') {
                if (componentLength == 0 && !allowEmptyComponents) {
                    return false;
                }
                componentLength = 0;
            } else if (strict ? isStrictChar(c) : isLooseChar(c)) {
                componentLength++;
            } else {
                return false;
            }
        }
        return componentLength > 0 || allowEmptyComponents;
    }

    /**
     * Whether {@code uri} is valid as the topic or procedure of a subscription or registration
     * with this policy: exact URIs have no empty components, wildcard patterns may have any, and
     * prefix patterns may end with an empty component (e.g. {@code com.myapp.}), as Crossbar.io
     * allows.
     */
    public static boolean isValidPattern(String uri, boolean strict, MatchPolicy policy) {
        return switch (policy) {
            case EXACT -> isValid(uri, strict, false);
            case WILDCARD -> isValid(uri, strict, true);
            case PREFIX -> uri != null && (uri.isEmpty() || isValid(uri.endsWith(".")
                    ? uri.substring(0, uri.length() - 1) : uri, strict, false));
        };
    }

    /**
     * Whether a realm name is valid: a loose URI without empty components. (Autobahn|Python
     * applies a stricter, non-spec pattern; Junction follows the spec so any URI realm works.)
     */
    public static boolean isValidRealm(String realm) {
        return isValid(realm, false, false);
    }

    /**
     * Wildcard matching: {@code uri} has as many components as {@code pattern}, and each
     * non-empty pattern component equals the URI's component at the same position.
     */
    public static boolean wildcardMatches(String pattern, String uri) {
        int p = 0;
        int u = 0;
        while (true) {
            int patternEnd = componentEnd(pattern, p);
            int uriEnd = componentEnd(uri, u);
            int length = patternEnd - p;
            if (length > 0 && (length != uriEnd - u || !pattern.regionMatches(p, uri, u, length))) {
                return false;
            }
            boolean patternDone = patternEnd == pattern.length();
            boolean uriDone = uriEnd == uri.length();
            if (patternDone || uriDone) {
                return patternDone && uriDone;
            }
            p = patternEnd + 1;
            u = uriEnd + 1;
        }
    }

    private static int componentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static boolean isStrictChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Not {@code .}, {@code #} or whitespace (Unicode whitespace, as Python's {@code \s} in the spec's regex). */
    private static boolean isLooseChar(char c) {
        return c != '#' && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u0085';
    }
}
