package io.junction.bench;

import java.util.concurrent.atomic.AtomicInteger;

/** Waiting for the operations in flight to finish once a workload stops issuing new ones. */
final class Drain {

    private Drain() {
    }

    /** Waits until {@code inFlight} is 0 or {@code timeoutMillis} passed; returns whether it got to 0. */
    static boolean await(AtomicInteger inFlight, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
