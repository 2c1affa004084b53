package io.junction.router.meta;

/** A meta procedure's error answer: an error URI and a readable message (the ERROR's first argument). */
public final class MetaException extends RuntimeException {

    private final String uri;

    public MetaException(String uri, String message) {
        super(message, null, false, false);
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
