package dev.muster.health.web;

import dev.muster.health.members.KnownMembers;
import dev.muster.health.state.LatestHeartbeats;
import dev.muster.health.state.MemberStates;
import dev.muster.health.state.ReceivedHeartbeat;
import dev.muster.lxd.web.LxdException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A member's latest heartbeat: this instance's own if it receives the member's heartbeats, else the one any
 * instance saved (at most one flush interval old).
 */
@Component
class MemberHeartbeats {

    private final LatestHeartbeats latest;
    private final MemberStates states;
    private final KnownMembers members;

    MemberHeartbeats(LatestHeartbeats latest, MemberStates states, KnownMembers members) {
        this.latest = latest;
        this.states = states;
        this.members = members;
    }

    Optional<ReceivedHeartbeat> latestOf(String member) {
        return latest.of(member).or(() -> states.find(member));
    }

    /** The latest heartbeat of a member membership knows; 404 {@code Cluster member not found} otherwise. */
    Optional<ReceivedHeartbeat> ofKnownMember(String member) {
        if (!members.contains(member)) {
            throw LxdException.notFound("Cluster member not found");
        }
        return latestOf(member);
    }
}
