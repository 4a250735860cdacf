package dev.muster.events.images;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * {@code member} was asked (agent command {@code commandId}) to fetch a copy of the image {@code fingerprint}:
 * {@code reason} {@code replication} (too few holders), {@code removal} (a member that alone holds it is leaving).
 */
@EventType(name = "muster.image.replica-requested", version = 1, topic = Topics.IMAGES)
public record ImageReplicaRequested(String fingerprint, String member, String commandId, String reason)
        implements PublicEvent {
    @Override
    public String key() {
        return fingerprint;
    }
}
