package dev.muster.scheduler.instances;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The in-memory views follow their topics a few milliseconds behind the services that publish them: what a client
 * created a moment ago (a member, a group, an image) gets a moment to arrive before a request naming it is refused.
 */
final class ViewLag {

    /** How long something the views do not know yet may take to arrive. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private ViewLag() {}

    /** What {@code lookup} finds now, or within {@code patience}; empty if it finds nothing by then. */
    static <T> Optional<T> firstFound(Duration patience, Supplier<Optional<T>> lookup) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Optional<T> found = lookup.get(); ; found = lookup.get()) {
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return found;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Whether {@code condition} holds now or comes to hold within {@code patience}. */
    static boolean eventually(Duration patience, BooleanSupplier condition) {
        return firstFound(patience, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }
}
