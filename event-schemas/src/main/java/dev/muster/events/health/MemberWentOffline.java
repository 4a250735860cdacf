package dev.muster.events.health;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/**
 * The health monitor saw no heartbeat from a member for {@code cluster.offline_threshold}.
 *
 * @param lastHeartbeat when the last heartbeat was received, on the monitor's clock
 * @param thresholdSeconds the offline threshold that was exceeded
 */
@EventType(name = "muster.health.member-went-offline", version = 1, topic = Topics.HEALTH)
public record MemberWentOffline(String name, Instant lastHeartbeat, int thresholdSeconds) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
