package dev.muster.agent.heartbeat;

import dev.muster.events.heartbeats.MemberState;

/** Where a member's heartbeats get the state they carry: the real host, or a simulated one. */
@FunctionalInterface
public interface MemberStateSource {

    /** The member's state for its heartbeat number {@code sequence}. */
    MemberState stateAt(long sequence);
}
