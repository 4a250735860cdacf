package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** {@code member} no longer holds a copy of the image {@code fingerprint} (deleted, or lost with the member). */
@EventType(name = "muster.image.replica-lost", version = 1, topic = Topics.IMAGES)
public record ImageReplicaLost(String fingerprint, String member) implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
