package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;

/**
 * The scheduler has moved what it could off an evacuated member: {@code moved} instances went elsewhere,
 * {@code stayed} (stopped in place: their policy says stop, or no member could take them) did not. Membership
 * completes the evacuation's operation {@code operationId} with this (empty for healing, which has none).
 */
@EventType(name = "muster.evacuation.finished", version = 1, topic = Topics.INSTANCES)
public record EvacuationFinished(String member, String mode, String operationId, int moved, List<String> stayed)
        implements PublicEvent {
    @Override
    public String key() {
        return member;
    }
}
