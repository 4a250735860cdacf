package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * An instance now lives on {@code location}: placed when created, or moved there.
 *
 * @param reason {@code new}, {@code evacuation}, {@code relocation} or {@code healing}
 */
@EventType(name = "muster.instance.placed", version = 1, topic = Topics.INSTANCES)
public record InstancePlaced(String name, String project, String location, String reason) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
