package dev.muster.events;

/**
 * A public event whose envelope id is derived from what it is about rather than drawn at random, so that the same
 * event sent twice (a retried send, a command carried out twice) is one event to every inbox.
 */
public interface DerivedIdEvent extends PublicEvent {

    /** The envelope id: the same for every sending of this event. */
    String eventId();
}
