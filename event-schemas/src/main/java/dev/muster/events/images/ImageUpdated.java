package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;
import java.util.Map;

/**
 * What can change of an image after its import changed: its {@code public} flag, its properties, or its aliases
 * (an alias created, renamed, retargeted or deleted). Carries the whole changeable state, so that a consumer needs
 * only the newest one.
 */
@EventType(name = "muster.image.updated", version = 1, topic = Topics.IMAGES)
public record ImageUpdated(String fingerprint, boolean isPublic, Map<String, String> properties, List<String> aliases)
        implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
