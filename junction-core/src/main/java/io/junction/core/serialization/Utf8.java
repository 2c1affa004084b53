package io.junction.core.serialization;

/** Checks UTF-8 without decoding it (for text inside raw payloads). */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether {@code bytes[offset, offset + length)} is well-formed UTF-8 (RFC 3629: no overlong
     * forms, no surrogates, nothing above U+10FFFF), as a strict decoder accepts it.
     */
    static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xff;
            int size;
            int min;
            int max = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                size = 2;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                size = 3;
                min = lead == 0xe0 ? 0xa0 : 0x80;
                max = lead == 0xed ? 0x9f : 0xbf;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                size = 4;
                min = lead == 0xf0 ? 0x90 : 0x80;
                max = lead == 0xf4 ? 0x8f : 0xbf;
            } else {
                return false;
            }
            if (end - i < size) {
                return false;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k < size; k++) {
                int c = bytes[i + k] & 0xff;
                if (c < 0x80 || c > 0xbf) {
                    return false;
                }
            }
            i += size;
        }
        return true;
    }
}
