package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.util.List;
/** A cluster group was created. */
@EventType(name = "muster.cluster.group-created", version = 1, topic = Topics.MEMBERSHIP)
public record ClusterGroupCreated(String name, String description, List<String> members) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-group-created";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/groups/" + name;
    }
}
