package io.junction.router.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test vectors: {@code -Djunction.shared=<dir>}, or the {@code shared} directory beside
 * the repository found by walking up from the working directory.
 */
public final class Vectors {

    private Vectors() {
    }

    public static JsonNode read(String relativePath) {
        try {
            return new ObjectMapper().readTree(vectorsDir().resolve(relativePath).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path vectorsDir() {
        String configured = System.getProperty("junction.shared");
        if (configured != null) {
            return Path.of(configured, "vectors");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/vectors not found above " + Path.of("").toAbsolutePath()
                + "; set -Djunction.shared=<dir>");
    }
}
