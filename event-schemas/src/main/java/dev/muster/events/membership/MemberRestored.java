package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** An evacuated member was restored: the scheduler brings back its instances (unless {@code mode} is skip). */
@EventType(name = "muster.member.restored", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRestored(String name, String mode, String operationId) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
