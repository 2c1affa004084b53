package io.junction.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in the source tree, from wherever the tests run (Maven runs them in the module directory). */
public final class Paths {

    private Paths() {
    }

    /** The {@code junction-it} directory. */
    public static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("src/test/interop"))) {
                return d;
            }
            if (Files.isDirectory(d.resolve("junction-it/src/test/interop"))) {
                return d.resolve("junction-it");
            }
        }
        throw new IllegalStateException("cannot find junction-it above " + dir);
    }

    /** The repository root. */
    public static Path repositoryDir() {
        return moduleDir().getParent();
    }

    /** The runnable jar that {@code junction-cli} builds in its package phase. */
    public static Path junctionJar() {
        return repositoryDir().resolve("junction-cli/target/junction.jar");
    }
}
