package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.util.Map;
/** The cluster-wide server configuration changed; {@code config} holds every key that is set. */
@EventType(name = "muster.cluster.config-changed", version = 1, topic = Topics.MEMBERSHIP)
public record ServerConfigChanged(Map<String, String> config) implements LifecycleEvent {
    @Override
    public String key() {
        return "cluster";
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "config-updated";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0";
    }
}
