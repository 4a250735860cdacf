package dev.muster.eventing.failures;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.deadletters.DeadLettered;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets records aside on {@code muster.dead-letters.v1}, through the service's outbox: a dead letter is as durable
 * as any event the service publishes, and is written only if its transaction commits (the caller's, or one of its
 * own when it is called outside one).
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Outbox outbox;
    private final String service;
    private final Clock clock;
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(Outbox outbox, String service, Clock clock) {
        this.outbox = outbox;
        this.service = service;
        this.clock = clock;
    }

    /** Records that a consumed record was given up on; called by the listeners' error handler. */
    public void consumed(
            String topic,
            String key,
            String eventId,
            String eventType,
            int partition,
            long offset,
            long sizeBytes,
            Throwable failure) {
        String reason = Failures.reason(failure);
        outbox.publish(new DeadLettered(
                service,
                DeadLettered.CONSUME,
                topic,
                key,
                eventId,
                eventType,
                partition + "@" + offset,
                sizeBytes,
                reason,
                clock.instant()));
        count.incrementAndGet();
        log.error(
                "Dead letter: {} could not handle record {}@{} of {} (key {}, type {}): {}",
                service,
                partition,
                offset,
                topic,
                key,
                eventType,
                reason);
    }

    /** Records taken aside since this process started. */
    public long count() {
        return count.get();
    }
}
