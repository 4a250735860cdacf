package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;

/** A member's status changed: Online, Offline, Evacuated (LXD's status and message). */
@EventType(name = "muster.member.status-changed", version = 1, topic = Topics.MEMBERSHIP)
public record MemberStatusChanged(String name, String status, String message) implements LifecycleEvent {
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
