package io.junction.core.serialization;

import io.junction.core.message.ProtocolViolation;

import java.util.Base64;

/**
 * The WAMP convention for binary values in JSON: a string made of the character U+0000 followed by
 * the Base64 (RFC 4648 section 4, padded) encoding of the bytes.
 */
final class BinaryInJson {

    private static final char MARK = '\u0000';

    private BinaryInJson() {
    }

    static boolean isBinary(String s) {
        return !s.isEmpty() && s.charAt(0) == MARK;
    }

    static String encode(byte[] bytes) {
        return MARK + Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes a string for which {@link #isBinary(String)} holds. */
    static byte[] decode(String s) {
        try {
            return Base64.getDecoder().decode(s.substring(1));
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation("invalid Base64 in a binary JSON string: " + e.getMessage());
        }
    }

    /**
     * Whether {@code chars[offset, offset + length)} (the part after the U+0000 mark) is Base64 that
     * {@link #decode(String)} accepts: alphabet characters, then at most two {@code =} that complete
     * the last 4-character unit; the padding may be left out.
     */
    static boolean isValidBase64(char[] chars, int offset, int length) {
        int data = 0;
        int padding = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '=') {
                padding++;
            } else if (padding == 0 && isAlphabet(c)) {
                data++;
            } else {
                return false;
            }
        }
        if (data % 4 == 1) {
            return false;
        }
        return padding == 0 || padding <= 2 && (data + padding) % 4 == 0;
    }

    private static boolean isAlphabet(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }
}
