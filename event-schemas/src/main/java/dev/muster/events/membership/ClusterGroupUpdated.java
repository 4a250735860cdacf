package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;

/** A cluster group's description or members changed. */
@EventType(name = "muster.cluster.group-updated", version = 1, topic = Topics.MEMBERSHIP)
public record ClusterGroupUpdated(String name, String description, List<String> members) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
