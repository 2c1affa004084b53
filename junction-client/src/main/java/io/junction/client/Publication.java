package io.junction.client;

/**
 * The outcome of a publish. With {@code acknowledge} the broker's PUBLISHED confirmed it and
 * {@code id} is the publication ID; without, the PUBLISH was handed to the connection and
 * {@code id} is 0.
 */
public record Publication(long id) {

    public static final Publication UNACKNOWLEDGED = new Publication(0);

    public boolean acknowledged() {
        return id != 0;
    }
}
