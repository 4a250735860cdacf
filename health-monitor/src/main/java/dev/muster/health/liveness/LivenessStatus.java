package dev.muster.health.liveness;

/** What the monitor last concluded about a member. */
public enum LivenessStatus {
    /** Heartbeats arrive (or the member has not yet been silent for the offline threshold). */
    ONLINE,
    /** No heartbeat for the offline threshold. */
    OFFLINE,
    /** The member announced a planned shutdown: offline, but never judged failed. */
    STOPPED
}
