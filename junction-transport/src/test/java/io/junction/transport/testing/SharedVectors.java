package io.junction.transport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test vectors: {@code -Djunction.shared=<dir>} if set, else the first {@code shared}
 * directory found beside the module or one of its ancestors (the repository's sibling).
 */
public final class SharedVectors {

    private SharedVectors() {
    }

    public static JsonNode load(String relativePath) {
        Path file = vectorsDir().resolve(relativePath);
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file, e);
        }
    }

    public static Path vectorsDir() {
        String configured = System.getProperty("junction.shared");
        if (configured != null) {
            return Path.of(configured, "vectors");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("vectors");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("shared/vectors not found from " + Path.of("").toAbsolutePath()
                + "; set -Djunction.shared");
    }
}
