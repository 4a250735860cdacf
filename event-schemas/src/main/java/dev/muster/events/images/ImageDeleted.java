package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** An image was deleted, with every copy of it. */
@EventType(name = "muster.image.deleted", version = 1, topic = Topics.IMAGES)
public record ImageDeleted(String fingerprint) implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
