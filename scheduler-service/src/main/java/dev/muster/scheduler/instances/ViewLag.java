package dev.muster.scheduler.instances;

import dev.muster.scheduler.placement.ViewChanges;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The in-memory views follow their topics a few milliseconds behind the services that publish them: what a client
 * created a moment ago (a member, a group, an image) gets a moment to arrive before a request naming it is refused.
 * A lookup that finds nothing is tried again each time the view signals a change, never on a timer.
 */
final class ViewLag {

    /** How long something the views do not know yet may take to arrive. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private ViewLag() {}

    /**
     * What {@code lookup} finds now, or after one of the {@code changes} of the view it reads within {@code patience};
     * empty if it finds nothing by then.
     */
    static <T> Optional<T> firstFound(Duration patience, ViewChanges changes, Supplier<Optional<T>> lookup) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long seen = changes.version(); // taken before looking, so a change while looking is not missed
            Optional<T> found = lookup.get();
            if (found.isPresent()) {
                return found;
            }
            try {
                if (!changes.awaitChangeAfter(seen, Duration.ofNanos(deadline - System.nanoTime()))) {
                    return found;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Whether {@code condition} holds now or comes to hold with one of the view's {@code changes} within {@code patience}. */
    static boolean eventually(Duration patience, ViewChanges changes, BooleanSupplier condition) {
        return firstFound(
                        patience,
                        changes,
                        () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty())
                .isPresent();
    }
}
