package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.Map;

/** The cluster-wide server configuration changed; {@code config} holds every key that is set. */
@EventType(name = "muster.cluster.config-changed", version = 1, topic = Topics.MEMBERSHIP)
public record ServerConfigChanged(Map<String, String> config) implements PublicEvent {
    @Override
    public String key() {
        return "cluster";
    }
}
