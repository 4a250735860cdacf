package dev.muster.events.health;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/** A member that was offline sent a heartbeat again, received at {@code at} on the monitor's clock. */
@EventType(name = "muster.health.member-came-online", version = 1, topic = Topics.HEALTH)
public record MemberCameOnline(String name, Instant at) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
