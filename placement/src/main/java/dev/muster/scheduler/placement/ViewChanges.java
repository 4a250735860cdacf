package dev.muster.scheduler.placement;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells threads waiting for an in-memory view that it changed: a version that every change advances, and a wait for
 * it to move past a version seen. A reader takes the version, looks, and only if it did not find what it looks for
 * waits for the next change, so no change made in between is missed. Plain Java.
 */
public final class ViewChanges {

    private long version;

    public synchronized long version() {
        return version;
    }

    /** The view changed: wakes whoever waits. Called after the change is visible to readers. */
    public synchronized void changed() {
        version++;
        notifyAll();
    }

    /**
     * Waits until the version moved past {@code seen}, at most {@code patience}.
     *
     * @return whether it moved
     * @throws InterruptedException if the waiting thread is interrupted first
     */
    public synchronized boolean awaitChangeAfter(long seen, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
