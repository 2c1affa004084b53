package io.junction.bench;

/** The application payloads of the benchmarks. */
final class Payloads {

    private Payloads() {
    }

    /** A string of {@code bytes} ASCII characters: the same size in every serialization. */
    static String text(int bytes) {
        StringBuilder sb = new StringBuilder(bytes);
        for (int i = 0; i < bytes; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }
}
