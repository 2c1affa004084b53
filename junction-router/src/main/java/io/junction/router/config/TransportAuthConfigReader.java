package io.junction.router.config;

import io.junction.transport.tls.PeerCertificate;
import io.junction.transport.websocket.WebSocketCookie;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the transport-level authentication methods of {@code realms[i].auth}: {@code tls} and {@code cookie}. */
final class TransportAuthConfigReader {

    private static final Map<String, String> SAME_SITE = new LinkedHashMap<>();

    static {
        SAME_SITE.put("strict", "Strict");
        SAME_SITE.put("lax", "Lax");
        SAME_SITE.put("none", "None");
    }

    private TransportAuthConfigReader() {
    }

    static TlsAuthConfig tls(ConfigNode n, boolean secondFactor) {
        if (secondFactor) {
            throw new ConfigException(n.path(), "tls cannot be a second factor");
        }
        n.allowOnly("principals", "common_name_role");
        Map<String, TlsAuthConfig.Principal> principals = new LinkedHashMap<>();
        Map<String, String> fingerprints = new HashMap<>();
        if (n.has("principals")) {
            Map<String, ConfigNode> entries = n.object("principals").entries();
            if (entries.isEmpty()) {
                throw n.error("principals", "at least one principal is required");
            }
            entries.forEach((authid, p) -> {
                if (authid.isEmpty()) {
                    throw new ConfigException(p.path(), "an authid must not be empty");
                }
                p.allowOnly("sha256", "role");
                String fingerprint = p.string("sha256", null);
                if (fingerprint == null) {
                    throw new ConfigException(p.pathOf("sha256"), "is required (the certificate's SHA-256 fingerprint)");
                }
                try {
                    fingerprint = PeerCertificate.normalizeFingerprint(fingerprint);
                } catch (IllegalArgumentException e) {
                    throw p.error("sha256", e.getMessage());
                }
                String other = fingerprints.putIfAbsent(fingerprint, authid);
                if (other != null) {
                    throw p.error("sha256", "is also the certificate of " + other);
                }
                principals.put(authid, new TlsAuthConfig.Principal(fingerprint, role(p, "role")));
            });
        }
        String commonNameRole = n.has("common_name_role") ? role(n, "common_name_role") : null;
        if (principals.isEmpty() && commonNameRole == null) {
            throw new ConfigException(n.path(), "give principals (certificates by fingerprint), common_name_role, or both");
        }
        return new TlsAuthConfig(principals, commonNameRole);
    }

    static CookieAuthConfig cookie(ConfigNode n, boolean secondFactor) {
        if (secondFactor) {
            throw new ConfigException(n.path(), "cookie cannot be a second factor");
        }
        n.allowOnly("max_age", "max_cookies");
        CookieAuthConfig d = CookieAuthConfig.defaults();
        return new CookieAuthConfig(n.duration("max_age", d.maxAge(), Duration.ofSeconds(1)),
                n.integer("max_cookies", d.maxCookies(), 1, 10_000_000));
    }

    /** {@code transports[i].websocket.cookie}: the tracking cookie that cookie authentication recognizes clients by. */
    static WebSocketCookie webSocketCookie(ConfigNode n) {
        n.allowOnly("name", "max_age", "secure", "http_only", "same_site");
        WebSocketCookie d = WebSocketCookie.defaults();
        String name = n.string("name", d.name());
        String sameSite = n.choice("same_site", d.sameSite(), SAME_SITE);
        try {
            return new WebSocketCookie(name, n.duration("max_age", d.maxAge(), Duration.ofSeconds(1)),
                    n.bool("secure", d.secure()), n.bool("http_only", d.httpOnly()), sameSite);
        } catch (IllegalArgumentException e) {
            throw n.error("name", e.getMessage());
        }
    }

    private static String role(ConfigNode n, String key) {
        String role = n.string(key, null);
        if (role == null) {
            throw new ConfigException(n.pathOf(key), "is required");
        }
        if (role.isEmpty()) {
            throw n.error(key, "must not be empty");
        }
        return role;
    }
}
