package dev.muster.health.web;

import dev.muster.events.heartbeats.MemberState;
import dev.muster.events.heartbeats.MemberState.StoragePoolState;
import dev.muster.events.heartbeats.MemberState.SysInfo;
import dev.muster.health.state.ReceivedHeartbeat;
import dev.muster.lxd.web.LxdResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /1.0/cluster/members/{name}/state}: LXD's {@code ClusterMemberState}, from the latest heartbeat. */
@RestController
class MemberStateController {

    /** LXD's {@code ClusterMemberState}. */
    record ClusterMemberState(SysInfo sysinfo, Map<String, StoragePoolState> storagePools) {}

    private static final SysInfo NOTHING_REPORTED = new SysInfo(0, List.of(0.0, 0.0, 0.0), 0, 0, 0, 0, 0, 0, 0, 0);

    private final MemberHeartbeats heartbeats;

    MemberStateController(MemberHeartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    /**
     * The member's state as its last heartbeat reported it (also while it is offline: the last known state); zero
     * values for a known member that never reported.
     */
    @GetMapping("/1.0/cluster/members/{name}/state")
    LxdResponse state(@PathVariable String name) {
        MemberState state =
                heartbeats.ofKnownMember(name).map(ReceivedHeartbeat::state).orElse(null);
        SysInfo sysinfo = state == null || state.sysinfo() == null ? NOTHING_REPORTED : state.sysinfo();
        Map<String, StoragePoolState> pools =
                state == null ? Map.of() : Objects.requireNonNullElse(state.storagePools(), Map.of());
        return LxdResponse.sync(new ClusterMemberState(sysinfo, pools));
    }
}
