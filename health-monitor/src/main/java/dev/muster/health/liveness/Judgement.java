package dev.muster.health.liveness;

import java.time.Instant;

/** What the detector concluded about one member. All but {@link ProbeNeeded} are announced to the cluster. */
public sealed interface Judgement {

    String member();

    /** No heartbeat for the offline threshold. */
    record WentOffline(String member, Instant lastHeartbeat, int thresholdSeconds) implements Judgement {}

    /** A member flagged offline or stopped sent a heartbeat again. */
    record CameOnline(String member, Instant at) implements Judgement {}

    /** A member announced a planned shutdown. */
    record Stopped(String member, Instant at) implements Judgement {}

    /** Offline long enough to heal, not evacuated, and its probe confirmed it dead. */
    record HealingDue(String member, Instant lastHeartbeat, String fencing) implements Judgement {}

    /**
     * Healing would be due: probe the member directly (fencing) and report with
     * {@link LivenessDetector#probeFailed} or {@link LivenessDetector#probeAnswered}.
     *
     * @param probeUrl where the member's agent answers while it lives, or null when it never said
     */
    record ProbeNeeded(String member, String probeUrl) implements Judgement {}
}
