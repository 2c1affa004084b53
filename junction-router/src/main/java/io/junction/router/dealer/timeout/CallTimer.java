package io.junction.router.dealer.timeout;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The timer of dealer-enforced call timeouts: one hashed wheel (Netty's) with 10 ms buckets for
 * the whole process, on one daemon thread started at the first timed call. Scheduling and
 * cancelling a timeout is a queue operation, so a hundred thousand timed calls cost a hundred
 * thousand small objects in the wheel, not threads or tasks on the event loops. Tasks run on the
 * timer's thread and must be quick.
 */
public final class CallTimer {

    /** The wheel's resolution: timeouts fire up to this late. */
    public static final long TICK_MILLIS = 10;

    private static final class Wheel {
        static final HashedWheelTimer INSTANCE = new HashedWheelTimer(
                new DefaultThreadFactory("junction-call-timer", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 512,
                false);
    }

    private CallTimer() {
    }

    /** Runs {@code task} on the timer's thread after {@code delayNanos}. */
    public static Timeout schedule(TimerTask task, long delayNanos) {
        return Wheel.INSTANCE.newTimeout(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Timeouts scheduled and neither fired nor cancelled yet (cancelled ones leave the wheel at its next tick). */
    public static long pending() {
        return Wheel.INSTANCE.pendingTimeouts();
    }
}
