package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;

/** A member's database role changed: {@code roles} are all its LXD roles now, {@code database} whether it holds a database role. */
@EventType(name = "muster.member.roles-changed", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRolesChanged(String name, List<String> roles, boolean database) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
