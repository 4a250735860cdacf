package dev.muster.events.health;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/**
 * A member has been offline for at least max({@code cluster.healing_threshold}, {@code cluster.offline_threshold}),
 * is not evacuated, and a second, independent signal confirms it is dead: its instances may be moved.
 *
 * @param lastHeartbeat the last heartbeat received from it, on the monitor's clock
 * @param fencing what confirmed the death, e.g. {@code probe refused: 10.0.0.3:8444}
 */
@EventType(name = "muster.health.member-healing-due", version = 1, topic = Topics.HEALTH)
public record MemberHealingDue(String name, Instant lastHeartbeat, String fencing) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
