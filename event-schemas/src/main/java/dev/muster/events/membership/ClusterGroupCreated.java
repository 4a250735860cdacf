package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;

/** A cluster group was created. */
@EventType(name = "muster.cluster.group-created", version = 1, topic = Topics.MEMBERSHIP)
public record ClusterGroupCreated(String name, String description, List<String> members) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
