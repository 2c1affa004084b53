package io.junction.transport.client;

import io.netty.handler.codec.http.HttpHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Cookies of WebSocket upgrades through a {@link CookieHandler}. The handler sees the router as
 * an {@code http(s)://} URL: JDK cookie managers only send {@code Secure} cookies to {@code https}.
 */
final class CookieJars {

    private CookieJars() {
    }

    static URI httpUri(URI ws) {
        try {
            return new URI("wss".equalsIgnoreCase(ws.getScheme()) ? "https" : "http", null, ws.getHost(), ws.getPort(),
                    ws.getPath() == null || ws.getPath().isEmpty() ? "/" : ws.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void addCookies(CookieHandler cookies, URI uri, HttpHeaders request) {
        try {
            for (Map.Entry<String, List<String>> e : cookies.get(uri, Map.of()).entrySet()) {
                for (String value : e.getValue()) {
                    request.add(e.getKey(), value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void keepCookies(CookieHandler cookies, URI uri, HttpHeaders response) {
        List<String> set = response.getAll("Set-Cookie");
        if (set.isEmpty()) {
            return;
        }
        try {
            cookies.put(uri, Map.of("Set-Cookie", set));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
