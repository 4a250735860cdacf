package dev.muster.eventing.inbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Effectively-once consumption: a consumer records each event id it applied in the same transaction as the
 * effect, so a redelivered event changes nothing. Commit Kafka offsets only after {@link #receive} returned.
 */
public final class Inbox {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public Inbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Applies {@code effect} in one transaction with the record that {@code consumer} received {@code eventId},
     * unless it already did.
     *
     * @return true if the effect ran, false for a redelivery
     */
    public boolean receive(String consumer, String eventId, Runnable effect) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!firstDelivery(consumer, eventId)) {
                return false;
            }
            effect.run();
            return true;
        }));
    }

    /** Records the delivery inside the current transaction; false if the consumer had it already. */
    public boolean firstDelivery(String consumer, String eventId) {
        return jdbc.update(
                        "INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        consumer,
                        eventId)
                == 1;
    }
}
