package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;

/** The cluster lost or regained a majority of online database voters. */
@EventType(name = "muster.cluster.quorum-changed", version = 1, topic = Topics.MEMBERSHIP)
public record QuorumChanged(boolean quorum, int onlineVoters, int voters) implements LifecycleEvent {
    @Override
    public String key() {
        return "cluster";
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-member-updated";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster";
    }
}
