package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** The cluster lost or regained a majority of online database voters. */
@EventType(name = "muster.cluster.quorum-changed", version = 1, topic = Topics.MEMBERSHIP)
public record QuorumChanged(boolean quorum, int onlineVoters, int voters) implements PublicEvent {
    @Override
    public String key() {
        return "cluster";
    }
}
