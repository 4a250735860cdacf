package dev.muster.health.liveness;

import java.time.Instant;

/**
 * What an earlier owner of a member's partition recorded about it, so that a new owner neither flags it twice
 * nor forgets it was silent.
 *
 * @param lastHeartbeat the last heartbeat any monitor received from it, or null
 * @param partition the heartbeat partition its heartbeats last arrived on, or null if none ever did
 * @param probeUrl its last known probe URL, or null
 * @param status the last judgement announced about it
 * @param healingDue healing was already announced for its current offline period
 */
public record RememberedMember(
        String name,
        Instant lastHeartbeat,
        Integer partition,
        String probeUrl,
        LivenessStatus status,
        boolean healingDue) {}
