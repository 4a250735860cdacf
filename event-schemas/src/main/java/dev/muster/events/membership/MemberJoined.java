package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.util.List;
/** A member joined the cluster (or bootstrapped it); {@code roles} are its LXD roles after the join. */
@EventType(name = "muster.member.joined", version = 1, topic = Topics.MEMBERSHIP)
public record MemberJoined(String name, String url, String architecture, String failureDomain, List<String> groups, List<String> roles) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-member-added";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/members/" + name;
    }
}
