package dev.muster.health.liveness;

import java.time.Instant;

/** The detector's record of one member whose heartbeats arrive on a partition it owns. */
final class TrackedMember {

    final String name;
    int partition;
    /** The last heartbeat received, on the monitor's clock; when tracking began if none arrived yet. */
    Instant lastHeartbeat;

    String probeUrl;
    LivenessStatus status = LivenessStatus.ONLINE;
    /** The current OFFLINE or STOPPED status was announced (so coming back must be announced too). */
    boolean announced;

    boolean healingDue;
    boolean probing;

    TrackedMember(String name, int partition, Instant lastHeartbeat) {
        this.name = name;
        this.partition = partition;
        this.lastHeartbeat = lastHeartbeat;
    }
}
