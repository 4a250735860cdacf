package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.util.List;
/** A member's database role changed: {@code roles} are all its LXD roles now, {@code database} whether it holds a database role. */
@EventType(name = "muster.member.roles-changed", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRolesChanged(String name, List<String> roles, boolean database) implements LifecycleEvent {
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
