package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** A member was marked evacuated: the scheduler moves its instances as {@code mode} says, reporting on operation {@code operationId}. */
@EventType(name = "muster.member.evacuated", version = 1, topic = Topics.MEMBERSHIP)
public record MemberEvacuated(String name, String mode, String operationId) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
