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
 * <p>Per-key order holds because events about one entity are written by transactions that also append to
 * that entity's stream, which the event store serialises: a later event of a key is always inserted, and so
 * numbered, after the earlier one committed.
 */
public final class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, key, type, payload) VALUES (?, ?, ?, ?, ?)";

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
        jdbc.batchUpdate(INSERT, rows);
        return envelopes;
    }
}
