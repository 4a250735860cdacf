package dev.muster.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition instead of sleeping a fixed time: polls it until it holds or a deadline passes. For code
 * outside JUnit (launchers, benchmarks); tests may use Awaitility as well.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {}

    /** Polls {@code condition} every 100 ms; true as soon as it holds, false once {@code timeout} has passed. */
    public static boolean within(Duration timeout, BooleanSupplier condition) {
        return within(timeout, POLL, condition);
    }

    /** Polls {@code condition} every {@code poll}; true as soon as it holds, false once {@code timeout} has passed. */
    public static boolean within(Duration timeout, Duration poll, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(poll.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
    }

    /** As {@link #within(Duration, BooleanSupplier)}, but an {@link IllegalStateException} naming {@code what} on timeout. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        if (!within(timeout, condition)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }
}
