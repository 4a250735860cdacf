package dev.muster.agent;

import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.PublicEvent;
import dev.muster.testing.TopicReader;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the events of one kind out of what a {@link TopicReader} received. */
public final class Records {

    private static final EventCodec CODEC = new EventCodec("/muster/tests");

    private Records() {}

    public static <T extends PublicEvent> List<T> events(
            List<ConsumerRecord<String, byte[]>> records, Class<T> type, Predicate<T> wanted) {
        return records.stream()
                .map(record -> CODEC.dataOf(CODEC.readEnvelope(record.value())).orElse(null))
                .filter(type::isInstance)
                .map(type::cast)
                .filter(wanted)
                .toList();
    }

    /** The envelopes of what was received, in order. */
    public static List<EventEnvelope> envelopes(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(record -> CODEC.readEnvelope(record.value()))
                .toList();
    }

    public static EventCodec codec() {
        return CODEC;
    }
}
