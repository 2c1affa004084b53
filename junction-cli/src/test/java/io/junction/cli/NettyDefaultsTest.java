package io.junction.cli;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NettyDefaultsTest {

    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final String property = System.getProperty(NettyDefaults.LEAK_DETECTION);

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
        if (property == null) {
            System.clearProperty(NettyDefaults.LEAK_DETECTION);
        } else {
            System.setProperty(NettyDefaults.LEAK_DETECTION, property);
        }
    }

    @Test
    void leakDetectionIsOffUnlessAskedFor() {
        System.clearProperty(NettyDefaults.LEAK_DETECTION);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        NettyDefaults.apply();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);

        System.setProperty(NettyDefaults.LEAK_DETECTION, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        NettyDefaults.apply();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
