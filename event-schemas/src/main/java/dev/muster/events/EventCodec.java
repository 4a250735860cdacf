package dev.muster.events;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns public event records into enveloped JSON and back. Event data uses snake_case field names,
 * like LXD's API; unknown fields are ignored on reading so that additive changes never break a consumer.
 */
public final class EventCodec {

    private final JsonMapper json;
    private final String source;
    private final Clock clock;

    public EventCodec(String source) {
        this(source, Clock.systemUTC());
    }

    public EventCodec(String source, Clock clock) {
        this.json = mapper();
        this.source = source;
        this.clock = clock;
    }

    /** The JSON mapper used for event data: snake_case, ISO-8601 times, tolerant of unknown fields. */
    public static JsonMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    public JsonMapper json() {
        return json;
    }

    /**
     * Wraps an event in a new envelope with the current time, and a fresh id (or the id a {@link DerivedIdEvent}
     * derives).
     */
    public EventEnvelope envelope(PublicEvent event) {
        return envelope(
                event instanceof DerivedIdEvent derived
                        ? derived.eventId()
                        : UUID.randomUUID().toString(),
                event);
    }

    public EventEnvelope envelope(String id, PublicEvent event) {
        EventType type = PublicEvents.typeOf(event.getClass());
        return new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                id,
                type.name(),
                source,
                event.key(),
                clock.instant(),
                "application/json",
                EventEnvelope.schemaUri(type.name(), type.version()),
                type.version(),
                json.valueToTree(event));
    }

    public byte[] toBytes(EventEnvelope envelope) {
        return json.writeValueAsBytes(envelope);
    }

    /** Reads an envelope; throws {@link MalformedEventException} for anything that is not one. */
    public EventEnvelope readEnvelope(byte[] bytes) {
        try {
            EventEnvelope envelope = json.readValue(bytes, EventEnvelope.class);
            if (envelope.id() == null || envelope.type() == null) {
                throw new MalformedEventException("event without id or type");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedEventException("not a Muster event envelope: " + e.getOriginalMessage());
        }
    }

    /** The envelope's data as the record registered for its type, if the type is known. */
    public Optional<PublicEvent> dataOf(EventEnvelope envelope) {
        return PublicEvents.classOf(envelope.type()).map(c -> dataAs(envelope.data(), c));
    }

    public <T> T dataAs(JsonNode data, Class<T> type) {
        try {
            return json.treeToValue(data, type);
        } catch (JacksonException e) {
            throw new MalformedEventException(
                    "data does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** Raised for bytes on a Muster topic that are not a readable event. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
