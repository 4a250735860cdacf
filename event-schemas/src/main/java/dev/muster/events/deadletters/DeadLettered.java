package dev.muster.events.deadletters;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/**
 * A record a service could not handle, or an event it could not publish, set aside with the reason instead of
 * being retried for ever or dropped in silence.
 *
 * @param service the service that gave up on it
 * @param stage {@code consume} (a record read from {@code topic} that its handler failed on for good) or
 *     {@code publish} (an event of the service's outbox that Kafka refused for good)
 * @param topic the topic the record was read from, or was to be published on
 * @param key the record's key (the entity it is about)
 * @param eventId the id of the event in its envelope, when it could be read
 * @param eventType the type of the event, when it could be read
 * @param position where it was: {@code partition@offset} of a consumed record, the outbox position of an event
 * @param sizeBytes the size of the record's value
 * @param reason why it was set aside: the last error
 * @param at when it was set aside
 */
@EventType(name = "muster.dead-letters.dead-lettered", version = 1, topic = Topics.DEAD_LETTERS)
public record DeadLettered(
        String service,
        String stage,
        String topic,
        String key,
        String eventId,
        String eventType,
        String position,
        long sizeBytes,
        String reason,
        Instant at)
        implements PublicEvent {

    public static final String CONSUME = "consume";
    public static final String PUBLISH = "publish";

    @Override
    public String key() {
        return key == null ? "" : key;
    }
}
