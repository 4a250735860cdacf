package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;

/** An evacuated member was restored: the scheduler brings back its instances (unless {@code mode} is skip). */
@EventType(name = "muster.member.restored", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRestored(String name, String mode, String operationId) implements LifecycleEvent {
    @Override
    public String key() {
        return name;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-member-restored";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/members/" + name;
    }
}
