package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** A cluster group was deleted. */
@EventType(name = "muster.cluster.group-deleted", version = 1, topic = Topics.MEMBERSHIP)
public record ClusterGroupDeleted(String name) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
