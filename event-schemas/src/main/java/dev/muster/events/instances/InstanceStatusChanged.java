package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** The instance's status as its member reported it: {@code Running}, {@code Stopped} or {@code Error}. */
@EventType(name = "muster.instance.status-changed", version = 1, topic = Topics.INSTANCES)
public record InstanceStatusChanged(String name, String project, String location, String status)
        implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
