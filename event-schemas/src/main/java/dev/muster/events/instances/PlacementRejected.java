package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** No member could take an instance (or the scriptlet refused): the request failed with {@code message}. */
@EventType(name = "muster.placement.rejected", version = 1, topic = Topics.INSTANCES)
public record PlacementRejected(String name, String project, String reason, String message) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
