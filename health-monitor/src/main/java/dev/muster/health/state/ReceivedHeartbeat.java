package dev.muster.health.state;

import dev.muster.events.heartbeats.MemberState;
import java.time.Instant;

/**
 * A member's latest heartbeat as this service keeps it.
 *
 * @param receivedAt when a monitor received it, on its own clock
 * @param partition the heartbeat partition it arrived on
 * @param state what the agent reported, or null if it reported nothing
 */
public record ReceivedHeartbeat(
        String member, Instant receivedAt, int partition, long sequence, String probeUrl, MemberState state) {}
