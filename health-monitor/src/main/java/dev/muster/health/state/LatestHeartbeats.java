package dev.muster.health.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The latest heartbeat of each member this instance received, kept in memory and written to {@link MemberStates}
 * in batches: at 1,000 members × 1/s, one transaction per heartbeat would be wasteful; one upsert per member per
 * flush is not.
 */
@Component
public class LatestHeartbeats {

    private final Map<String, ReceivedHeartbeat> latest = new ConcurrentHashMap<>();
    private final Map<String, ReceivedHeartbeat> unsaved = new ConcurrentHashMap<>();

    public void received(ReceivedHeartbeat heartbeat) {
        latest.put(heartbeat.member(), heartbeat);
        unsaved.put(heartbeat.member(), heartbeat);
    }

    public Optional<ReceivedHeartbeat> of(String member) {
        return Optional.ofNullable(latest.get(member));
    }

    /** The latest heartbeat of every member this instance hears from. */
    public List<ReceivedHeartbeat> all() {
        return List.copyOf(latest.values());
    }

    /** Takes the heartbeats received since the last call, one (the latest) per member. */
    List<ReceivedHeartbeat> takeUnsaved() {
        List<ReceivedHeartbeat> taken = new ArrayList<>(unsaved.size());
        for (String member : List.copyOf(unsaved.keySet())) {
            ReceivedHeartbeat heartbeat = unsaved.remove(member);
            if (heartbeat != null) {
                taken.add(heartbeat);
            }
        }
        return taken;
    }

    /** Puts back heartbeats whose save failed, unless a newer one arrived meanwhile. */
    void unsaved(List<ReceivedHeartbeat> heartbeats) {
        heartbeats.forEach(h -> unsaved.merge(
                h.member(), h, (newer, older) -> newer.receivedAt().isAfter(older.receivedAt()) ? newer : older));
    }

    public void forget(String member) {
        latest.remove(member);
        unsaved.remove(member);
    }
}
