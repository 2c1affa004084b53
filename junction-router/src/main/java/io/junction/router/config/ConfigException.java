package io.junction.router.config;

/**
 * A configuration that cannot be used. The message names the offending key by its path
 * (e.g. {@code transports[0].port}) and says why: {@code transports[0].port: must be 1..65535, got 70000}.
 */
public class ConfigException extends RuntimeException {

    private final String path;
    private final String reason;

    public ConfigException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** Where in the file: a key path such as {@code realms[1].name}, or a line and column. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
