package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.time.Instant;

/** A join token was issued for {@code serverName} (the secret is never published). */
@EventType(name = "muster.cluster.token-created", version = 1, topic = Topics.MEMBERSHIP)
public record JoinTokenCreated(String serverName, String operationId, Instant expiresAt) implements PublicEvent {
    @Override
    public String key() {
        return serverName;
    }
}
