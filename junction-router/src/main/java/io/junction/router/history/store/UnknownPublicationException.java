package io.junction.router.history.store;

/** A history query named a publication the store does not hold (never stored, or dropped by retention). */
public final class UnknownPublicationException extends RuntimeException {

    private final long publication;

    public UnknownPublicationException(long publication) {
        super("publication " + publication + " is not in the event history", null, false, false);
        this.publication = publication;
    }

    public long publication() {
        return publication;
    }
}
