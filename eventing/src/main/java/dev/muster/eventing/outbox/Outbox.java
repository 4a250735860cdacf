package dev.muster.eventing.outbox;

import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.EventTooLarge;
import dev.muster.events.PublicEvent;
import dev.muster.events.PublicEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes public events into the outbox table, inside the caller's transaction: they reach Kafka (via the
 * {@link OutboxRelay}) if and only if that transaction commits.
 *
 * <p>Per-key order holds whoever writes: before inserting, a transaction takes a transaction-scoped advisory
 * lock on each key it writes (in one order, so two writers never deadlock), held until it commits. A later
 * transaction writing the same key waits for it, so its rows are numbered after the earlier ones committed, and
 * the relay, which sends committed rows in position order, can never send them first. (Writers that also append
 * to the entity's event stream were already serialised by it; the others, such as operations and instance
 * events, were not.)
 */
public final class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, key, type, payload) VALUES (?, ?, ?, ?, ?)";
    private static final String LOCK_KEYS =
            "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT DISTINCT unnest(?::text[]) AS k ORDER BY 1) keys";

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final EventSizeLimit sizeLimit;

    public Outbox(JdbcTemplate jdbc, EventCodec codec) {
        this(jdbc, codec, new EventSizeLimit(EventSizeLimit.DEFAULT_MAX_BYTES));
    }

    public Outbox(JdbcTemplate jdbc, EventCodec codec, EventSizeLimit sizeLimit) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.sizeLimit = sizeLimit;
    }

    public EventEnvelope publish(PublicEvent event) {
        return publishAll(List.of(event)).getFirst();
    }

    /**
     * Writes the events, in order, in the caller's transaction.
     *
     * @throws EventTooLarge if one of them encodes to more than the size limit; nothing is written then
     */
    public List<EventEnvelope> publishAll(List<? extends PublicEvent> events) {
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (PublicEvent event : events) {
            EventEnvelope envelope = codec.envelope(event);
            byte[] encoded = codec.toBytes(envelope);
            sizeLimit.check(envelope.type(), encoded, () -> codec.json().valueToTree(event));
            envelopes.add(envelope);
            rows.add(new Object[] {
                UUID.fromString(envelope.id()),
                PublicEvents.typeOf(event.getClass()).topic(),
                event.key(),
                envelope.type(),
                encoded
            });
        }
        lockKeys(rows);
        jdbc.batchUpdate(INSERT, rows);
        return envelopes;
    }

    /** Waits for the transactions that wrote the same keys and are not committed yet; see the class comment. */
    private void lockKeys(List<Object[]> rows) {
        String[] keys =
                rows.stream().map(row -> row[1] + "/" + row[2]).distinct().toArray(String[]::new);
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(LOCK_KEYS);
                    statement.setArray(1, connection.createArrayOf("text", keys));
                    return statement;
                },
                result -> {});
    }
}
