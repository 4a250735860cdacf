package dev.muster.scheduler.scriptlet;

import dev.muster.events.EventCodec;
import dev.muster.events.heartbeats.MemberState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Each member's latest state from its heartbeats, in LXD's JSON shapes, for the scriptlet's host functions. */
public class MemberStates {

    private final Map<String, MemberState> latest = new ConcurrentHashMap<>();
    private final JsonMapper json = EventCodec.mapper();

    public void heartbeat(String member, MemberState state) {
        if (state != null) {
            latest.put(member, state);
        }
    }

    /** The latest state itself (a new object with each heartbeat), or null. */
    public MemberState latest(String member) {
        return latest.get(member);
    }

    /** LXD's {@code ClusterMemberState}: {@code sysinfo} and {@code storage_pools}. */
    public Optional<Map<String, Object>> state(String member) {
        return Optional.ofNullable(latest.get(member))
                .map(state -> Map.of(
                        "sysinfo", asMap(state.sysinfo()),
                        "storage_pools", asMap(state.storagePools())));
    }

    /** LXD's resources, the parts Muster knows: {@code cpu} ({@code architecture}, {@code total}) and {@code memory}. */
    public Optional<Map<String, Object>> resources(String member) {
        return Optional.ofNullable(latest.get(member))
                .map(MemberState::resources)
                .map(this::asMap);
    }

    private Map<String, Object> asMap(Object value) {
        return value == null ? Map.of() : json.convertValue(value, new TypeReference<Map<String, Object>>() {});
    }
}
