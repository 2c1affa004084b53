package io.junction.router.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IoThreadsTest {

    private static final String PROPERTY = "io.netty.eventLoopThreads";
    private final String before = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void oneEventLoopPerCoreUnlessNettysPropertySaysOtherwise() {
        System.clearProperty(PROPERTY);
        assertThat(RouterServer.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        System.setProperty(PROPERTY, "3");
        assertThat(RouterServer.ioThreads()).isEqualTo(3);
    }
}
