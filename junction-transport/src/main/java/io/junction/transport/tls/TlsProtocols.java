package io.junction.transport.tls;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The TLS versions Junction speaks: 1.2 and 1.3, nothing older. */
public final class TlsProtocols {

    public static final String TLS_1_2 = "TLSv1.2";
    public static final String TLS_1_3 = "TLSv1.3";
    public static final List<String> ALL = List.of(TLS_1_3, TLS_1_2);

    private TlsProtocols() {
    }

    /** @throws IllegalArgumentException if the list is empty or names anything but TLSv1.2 and TLSv1.3 */
    static List<String> check(List<String> protocols) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : protocols) {
            if (!ALL.contains(p)) {
                throw new IllegalArgumentException("unsupported TLS protocol \"" + p + "\": use " + TLS_1_2
                        + " and/or " + TLS_1_3);
            }
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol is required");
        }
        return List.copyOf(out);
    }
}
