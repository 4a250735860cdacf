package dev.muster.agent.heartbeat;

import dev.muster.events.heartbeats.Heartbeat;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member whose agent heartbeats: its name, where its state comes from, the URLs of its probe and exec bridge,
 * and its sequence,
 * which starts at 1 with every agent run and increases by one with every heartbeat sent. A silent member sends
 * nothing (paused, killed or stopped).
 */
public final class HeartbeatingMember {

    private final String name;
    private final MemberStateSource state;
    private final String probeUrl;
    private final String bridgeUrl;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean silent;

    public HeartbeatingMember(String name, MemberStateSource state, String probeUrl) {
        this(name, state, probeUrl, "");
    }

    /** A member whose agent relays exec to its own daemon at {@code bridgeUrl}. */
    public HeartbeatingMember(String name, MemberStateSource state, String probeUrl, String bridgeUrl) {
        this.name = name;
        this.state = state;
        this.probeUrl = probeUrl;
        this.bridgeUrl = bridgeUrl;
    }

    public String name() {
        return name;
    }

    public String probeUrl() {
        return probeUrl;
    }

    public boolean silent() {
        return silent;
    }

    /** From now on no heartbeat is made for it (one being made finishes first). */
    public synchronized void silence() {
        silent = true;
    }

    public synchronized void speak() {
        silent = false;
    }

    /** The sequence of the last heartbeat made, 0 before the first. */
    public long lastSequence() {
        return sequence.get();
    }

    /** The next heartbeat, or null if the member is silent. */
    synchronized Heartbeat nextHeartbeat(Instant now) {
        return silent ? null : make(now, false);
    }

    /** The last heartbeat of a planned stop, made even if the member is silent. */
    synchronized Heartbeat lastHeartbeat(Instant now) {
        return make(now, true);
    }

    private Heartbeat make(Instant now, boolean stopping) {
        long next = sequence.incrementAndGet();
        return new Heartbeat(name, next, now, probeUrl, state.stateAt(next), stopping, bridgeUrl);
    }
}
