package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** An instance was deleted from {@code location}. */
@EventType(name = "muster.instance.deleted", version = 1, topic = Topics.INSTANCES)
public record InstanceDeleted(String name, String project, String location) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
