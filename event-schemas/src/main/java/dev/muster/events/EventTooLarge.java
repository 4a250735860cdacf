package dev.muster.events;

/**
 * A change would publish an event larger than one event may be. Thrown when the event is written, inside the
 * transaction of the change, so the change is refused as a whole (a client sees a 400 naming the field) instead of
 * an event Kafka would refuse later, stalling everything behind it.
 */
public final class EventTooLarge extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventTooLarge(String eventType, String largestField, long eventBytes, long largestFieldBytes, long limit) {
        super("Value of \"" + largestField + "\" is too large: it makes the " + eventType + " event "
                + kib(eventBytes) + " (field " + kib(largestFieldBytes) + "), over the limit of " + kib(limit)
                + " for one event");
    }

    private static String kib(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : (bytes + 1023) / 1024 + " KiB";
    }
}
