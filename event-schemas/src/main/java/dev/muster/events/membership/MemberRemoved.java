package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** A member left the cluster; {@code forced} when removed with force. */
@EventType(name = "muster.member.removed", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRemoved(String name, boolean forced) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
