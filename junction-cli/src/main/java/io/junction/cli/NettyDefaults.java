package io.junction.cli;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty settings of the {@code junction} command where Netty's own defaults are for development.
 * An explicit {@code -Dio.netty...} system property always wins.
 */
final class NettyDefaults {

    static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private NettyDefaults() {
    }

    /**
     * Buffer leak detection off: at its default level it records a stack trace for one buffer in
     * 128, which cost a router 3 to 6% of its CPU time under load. Tests keep it on.
     */
    static void apply() {
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
