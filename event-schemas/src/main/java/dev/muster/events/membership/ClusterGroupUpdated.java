package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.util.List;
/** A cluster group's description or members changed. */
@EventType(name = "muster.cluster.group-updated", version = 1, topic = Topics.MEMBERSHIP)
public record ClusterGroupUpdated(String name, String description, List<String> members) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-group-updated";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/groups/" + name;
    }
}
