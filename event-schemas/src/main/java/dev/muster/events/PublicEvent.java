package dev.muster.events;

/**
 * Marker for the data of a public integration event. Implementations are records annotated with
 * {@link EventType} and listed in {@link PublicEvents}.
 */
public interface PublicEvent {
    /** The Kafka record key: the id of the entity the event is about, so its events stay in order. */
    String key();
}
