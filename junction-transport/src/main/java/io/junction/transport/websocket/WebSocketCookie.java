package io.junction.transport.websocket;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The router's tracking cookie on WebSocket connections (for the {@code cookie} authentication
 * method): a client that brings a well-formed cookie of this name keeps it; any other client is
 * given a fresh random one in the {@code Set-Cookie} header of the upgrade response.
 *
 * <p>The WAMP layer sees the cookie only as {@value #DETAILS_KEY} in the transport details: the
 * SHA-256 of its value, in hex. The value itself (a bearer credential once authentication is bound
 * to it) is never stored by the router, and is removed from the {@code http_headers_received} that
 * the session meta API shows.
 *
 * @param name     the cookie's name
 * @param maxAge   how long the browser keeps it
 * @param secure   sent only over TLS ({@code Secure})
 * @param httpOnly hidden from scripts ({@code HttpOnly})
 * @param sameSite {@code Strict}, {@code Lax} or {@code None}: whether browsers send it with
 *                 cross-site WebSocket connections ({@code Strict} guards against cross-site
 *                 WebSocket hijacking)
 */
public record WebSocketCookie(String name, Duration maxAge, boolean secure, boolean httpOnly, String sameSite) {

    /** The key of the cookie's ID in {@link io.junction.transport.TransportDetails#extra()}. */
    public static final String DETAILS_KEY = "cookie_id";

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public WebSocketCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(sameSite, "sameSite");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a cookie name is 1..64 letters, digits, '_', '-' or '.': " + name);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the cookie's max age must be positive");
        }
        sameSite = switch (sameSite.toLowerCase(Locale.ROOT)) {
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            case "none" -> "None";
            default -> throw new IllegalArgumentException("same_site must be Strict, Lax or None: " + sameSite);
        };
    }

    /** {@code junction_auth}, 7 days, Secure, HttpOnly, SameSite=Strict. */
    public static WebSocketCookie defaults() {
        return new WebSocketCookie("junction_auth", Duration.ofDays(7), true, true, "Strict");
    }

    /**
     * What a connection's cookie is.
     *
     * @param id             {@value #DETAILS_KEY}: hex SHA-256 of the cookie value
     * @param setCookie      the {@code Set-Cookie} header for the upgrade response, or {@code null}
     *                       if the client keeps the cookie it brought
     * @param requestHeaders the request's headers with this cookie taken out of {@code Cookie}
     */
    record Tracked(String id, String setCookie, HttpHeaders requestHeaders) {
    }

    Tracked track(HttpHeaders request) {
        String value = null;
        List<Cookie> others = new ArrayList<>();
        for (String header : request.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (!c.name().equals(name)) {
                    others.add(c);
                } else if (value == null && VALUE.matcher(c.value()).matches()) {
                    value = c.value();
                }
            }
        }
        String setCookie = null;
        if (value == null) {
            value = newValue();
            DefaultCookie cookie = new DefaultCookie(name, value);
            cookie.setMaxAge(maxAge.toSeconds());
            cookie.setPath("/");
            cookie.setSecure(secure);
            cookie.setHttpOnly(httpOnly);
            cookie.setSameSite(CookieHeaderNames.SameSite.valueOf(sameSite));
            setCookie = ServerCookieEncoder.STRICT.encode(cookie);
        }
        HttpHeaders shown = new DefaultHttpHeaders().add(request).remove(HttpHeaderNames.COOKIE);
        if (!others.isEmpty()) {
            shown.set(HttpHeaderNames.COOKIE, ClientCookieEncoder.LAX.encode(others));
        }
        return new Tracked(id(value), setCookie, shown);
    }

    private static String newValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The {@value #DETAILS_KEY} of a cookie value. */
    public static String id(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
