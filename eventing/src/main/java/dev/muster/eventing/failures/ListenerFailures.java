package dev.muster.eventing.failures;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What a service's Kafka listeners do when handling a record fails. Nothing is skipped in silence:
 *
 * <ul>
 *   <li>a transient failure (the database or the broker does not answer) is retried with back-off, from 250 ms up
 *       to every 30 s, for as long as it lasts, and the record is not skipped; meanwhile {@link #transientFailure}
 *       says so, and the service's health is DOWN;
 *   <li>any other failure is tried {@value #ATTEMPTS} times, then the record goes to {@code muster.dead-letters.v1}
 *       with its reason ({@link DeadLetters}), and the listener goes on with the next one.
 * </ul>
 */
public final class ListenerFailures implements RetryListener {

    /** Tries of a record whose handler fails for a reason that is not transient. */
    public static final int ATTEMPTS = 3;

    /** How long after the last transient failure the listeners are still said to be failing. */
    static final Duration FAILING_WINDOW = Duration.ofSeconds(45);

    private static final Logger log = LoggerFactory.getLogger(ListenerFailures.class);

    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Instant lastTransientFailure = Instant.MIN;
    private volatile String lastTransientReason = "";

    public ListenerFailures(DeadLetters deadLetters, TransactionTemplate transactions, Clock clock) {
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The error handler of every listener container of the service. */
    public DefaultErrorHandler errorHandler() {
        var handler = new DefaultErrorHandler(
                (record, failure) -> transactions.executeWithoutResult(status -> deadLetter(record, failure)),
                new FixedBackOff(200, ATTEMPTS - 1));
        handler.setBackOffFunction((record, failure) -> backOffFor(failure));
        handler.setRetryListeners(this);
        handler.setCommitRecovered(true);
        return handler;
    }

    static BackOff backOffFor(Throwable failure) {
        if (Failures.isTransient(failure)) {
            var backOff = new ExponentialBackOff(250, 2.0);
            backOff.setMaxInterval(30_000);
            return backOff;
        }
        return new FixedBackOff(200, ATTEMPTS - 1);
    }

    private void deadLetter(ConsumerRecord<?, ?> record, Exception failure) {
        deadLetters.consumed(
                record.topic(),
                record.key() == null ? "" : record.key().toString(),
                header(record, "ce_id").orElse(""),
                header(record, "ce_type").orElse(""),
                record.partition(),
                record.offset(),
                Math.max(0, record.serializedValueSize()),
                failure);
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        if (Failures.isTransient(failure)) {
            lastTransientFailure = clock.instant();
            lastTransientReason = Failures.reason(failure);
            log.warn(
                    "Handling record {}@{} of {} failed (attempt {}), retrying with back-off: {}",
                    record.partition(),
                    record.offset(),
                    record.topic(),
                    deliveryAttempt,
                    lastTransientReason);
        } else {
            log.warn(
                    "Handling record {}@{} of {} failed (attempt {} of {}): {}",
                    record.partition(),
                    record.offset(),
                    record.topic(),
                    deliveryAttempt,
                    ATTEMPTS,
                    Failures.reason(failure));
        }
    }

    /** The reason of the last transient failure, while listeners are retrying one (within the last 45 s). */
    public Optional<String> transientFailure() {
        return clock.instant().isBefore(lastTransientFailure.plus(FAILING_WINDOW))
                ? Optional.of(lastTransientReason)
                : Optional.empty();
    }

    public long deadLettered() {
        return deadLetters.count();
    }
}
