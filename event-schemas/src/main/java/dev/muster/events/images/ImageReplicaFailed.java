package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** {@code member} could not store a verified copy of the image {@code fingerprint}; it is asked again after a back-off. */
@EventType(name = "muster.image.replica-failed", version = 1, topic = Topics.IMAGES)
public record ImageReplicaFailed(String fingerprint, String member, String commandId, String message)
        implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
