package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** {@code member} now holds a copy of the image {@code fingerprint}. */
@EventType(name = "muster.image.replica-stored", version = 1, topic = Topics.IMAGES)
public record ImageReplicaStored(String fingerprint, String member) implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
