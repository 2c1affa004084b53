package io.junction.router.meta;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * RFC 3339 timestamps, as the meta API reports them ({@code created} of registrations and
 * subscriptions, {@code timestamp} of history events) and the event history filters by them.
 */
public final class Rfc3339 {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    /** {@code 2024-05-01T12:34:56.789Z}: UTC, milliseconds. */
    public static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Parses a timestamp with a time zone offset ({@code Z} or {@code +hh:mm}), fractional seconds
     * optional; RFC 3339 also allows lower case {@code t} and {@code z} and a space for {@code T}.
     *
     * @throws DateTimeParseException if it is not one
     */
    public static Instant parse(String s) {
        String normalized = s.toUpperCase(Locale.ROOT);
        if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
            normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
        }
        return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
}
