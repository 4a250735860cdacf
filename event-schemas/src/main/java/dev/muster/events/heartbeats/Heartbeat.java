package dev.muster.events.heartbeats;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/**
 * A member's agent is alive, and this is its state. Sent every second (configurable); the health monitor
 * judges liveness by when it receives them, on its own clock, never by {@code sentAt}.
 *
 * @param sequence increases by one with every heartbeat of one agent run
 * @param sentAt the agent's clock, for information only
 * @param probeUrl an {@code http://} URL on which the agent answers 200 while it lives: the health monitor's
 *     direct probe, a second signal before healing (fencing)
 * @param stopping true on the last heartbeat of a planned shutdown: not a failure
 * @param bridgeUrl an {@code http://} URL (loopback or the cluster's network) on which the agent relays {@code exec}
 *     and its operation's websockets to the member's own LXD daemon; empty when the member has none (simulated).
 *     Added in v1 additively: older heartbeats have none.
 */
@EventType(name = "muster.heartbeat", version = 1, topic = Topics.HEARTBEATS)
public record Heartbeat(
        String member,
        long sequence,
        Instant sentAt,
        String probeUrl,
        MemberState state,
        boolean stopping,
        String bridgeUrl)
        implements PublicEvent {

    public Heartbeat {
        bridgeUrl = bridgeUrl == null ? "" : bridgeUrl;
    }

    /** A heartbeat of a member with no bridge to a daemon of its own. */
    public Heartbeat(
            String member, long sequence, Instant sentAt, String probeUrl, MemberState state, boolean stopping) {
        this(member, sequence, sentAt, probeUrl, state, stopping, "");
    }

    @Override
    public String key() {
        return member;
    }
}
