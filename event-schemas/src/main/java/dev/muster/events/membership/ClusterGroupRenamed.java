package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;

/** A cluster group was renamed from {@code oldName}. */
@EventType(name = "muster.cluster.group-renamed", version = 1, topic = Topics.MEMBERSHIP)
public record ClusterGroupRenamed(String name, String oldName) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-group-renamed";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/groups/" + name;
    }
}
