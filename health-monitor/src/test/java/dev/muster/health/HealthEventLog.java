package dev.muster.health;

import dev.muster.events.EventCodec;
import dev.muster.events.EventEnvelope;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The health events one monitor (one {@code source}) published about one member, read as an outside consumer. */
final class HealthEventLog implements AutoCloseable {

    /** A health event with the envelope it travelled in. */
    record Seen(EventEnvelope envelope, PublicEvent data) {}

    private static final EventCodec codec = new EventCodec("/muster/test");

    private final TopicReader reader = new TopicReader(Topics.HEALTH);
    private final String source;
    private final String member;

    HealthEventLog(String source, String member) {
        this.source = source;
        this.member = member;
    }

    /** Reads until an event of {@code type} about the member was seen, or the timeout passes. */
    <T extends PublicEvent> List<Seen> awaitEvent(Class<T> type, Duration timeout) {
        reader.readUntil(records -> seen(records).stream().anyMatch(s -> type.isInstance(s.data())), timeout);
        return all();
    }

    /** Reads for {@code duration}, whatever comes. */
    List<Seen> readFor(Duration duration) {
        reader.readUntil(records -> false, duration);
        return all();
    }

    List<Seen> all() {
        return seen(reader.readUntil(records -> true, Duration.ZERO));
    }

    <T extends PublicEvent> List<T> allOf(Class<T> type) {
        return all().stream()
                .map(Seen::data)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private List<Seen> seen(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .filter(r -> member.equals(r.key()))
                .map(r -> codec.readEnvelope(r.value()))
                .filter(e -> source.equals(e.source()))
                .map(e -> codec.dataOf(e).map(d -> new Seen(e, d)).orElse(null))
                .filter(Objects::nonNull)
                .toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
