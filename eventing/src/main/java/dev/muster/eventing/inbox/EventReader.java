package dev.muster.eventing.inbox;

import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.PublicEvent;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the public event in a Kafka record. A record that is not a Muster event is logged and skipped, never
 * retried forever; an event of a type this build does not know (a newer producer) is skipped silently.
 */
public final class EventReader {

    /** An event as received: its envelope (id, type, time…) and its data as the record registered for its type. */
    public record ReceivedEvent(EventEnvelope envelope, PublicEvent data) {
        public String id() {
            return envelope.id();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);

    private final EventCodec codec;

    public EventReader(EventCodec codec) {
        this.codec = codec;
    }

    public Optional<ReceivedEvent> read(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope envelope = codec.readEnvelope(record.value());
            return codec.dataOf(envelope).map(data -> new ReceivedEvent(envelope, data));
        } catch (EventCodec.MalformedEventException e) {
            log.warn(
                    "Skipping unreadable record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
