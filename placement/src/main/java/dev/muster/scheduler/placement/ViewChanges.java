package dev.muster.scheduler.placement;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells threads waiting for an in-memory view that it changed: a version that every change advances, and a wait for
 * it to move past a version seen. A reader takes the version, looks, and only if it did not find what it looks for
 * waits for the next change, so no change made in between is missed. Plain Java.
 */
public final class ViewChanges {

    private static final ViewChanges ANY_VIEW = new ViewChanges(null);

    private final ViewChanges alsoSignalled;
    private long version;

    public ViewChanges() {
        this(ANY_VIEW);
    }

    private ViewChanges(ViewChanges alsoSignalled) {
        this.alsoSignalled = alsoSignalled;
    }

    /** Signalled by every view's changes, for a waiter that does not say which view it looks at. */
    public static ViewChanges anyView() {
        return ANY_VIEW;
    }

    public synchronized long version() {
        return version;
    }

    /** The view changed: wakes whoever waits. Called after the change is visible to readers. */
    public void changed() {
        synchronized (this) {
            version++;
            notifyAll();
        }
        if (alsoSignalled != null) {
            alsoSignalled.changed();
        }
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
