package io.junction.router.history.store;

/** Bounds of a range of topics, for index range scans. */
final class TopicBounds {

    private TopicBounds() {
    }

    /**
     * The least string greater than every string that starts with {@code prefix} (in code point
     * order, which is also UTF-8 byte order), or {@code null} if there is none.
     */
    static String above(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            int next = last + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start; // U+10FFFF cannot grow: carry to the code point before it
        }
        return null;
    }
}
