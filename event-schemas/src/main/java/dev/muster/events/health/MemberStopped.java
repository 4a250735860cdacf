package dev.muster.events.health;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/**
 * A member's agent announced a planned stop (its last heartbeat said so): the member is offline, but not failed,
 * and is never healed for it.
 */
@EventType(name = "muster.health.member-stopped", version = 1, topic = Topics.HEALTH)
public record MemberStopped(String name, Instant at) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
