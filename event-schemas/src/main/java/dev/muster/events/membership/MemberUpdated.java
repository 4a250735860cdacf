package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.util.List;
import java.util.Map;
/** A member's writable part changed (description, failure domain, user roles, config, groups). */
@EventType(name = "muster.member.updated", version = 1, topic = Topics.MEMBERSHIP)
public record MemberUpdated(String name, String description, String failureDomain, Map<String, String> config, List<String> groups, List<String> roles) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-member-updated";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/members/" + name;
    }
}
