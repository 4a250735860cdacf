package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** An image was imported: its file is in the image service's store under its SHA-256 {@code fingerprint}. */
@EventType(name = "muster.image.created", version = 1, topic = Topics.IMAGES)
public record ImageCreated(String fingerprint, String architecture, long size, String filename) implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
