package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;

/** A member was marked evacuated: the scheduler moves its instances as {@code mode} says, reporting on operation {@code operationId}. */
@EventType(name = "muster.member.evacuated", version = 1, topic = Topics.MEMBERSHIP)
public record MemberEvacuated(String name, String mode, String operationId) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-member-evacuated";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/members/" + name;
    }
}
