package dev.muster.events.membership;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.muster.events.EventType;
import dev.muster.events.LifecycleEvent;
import dev.muster.events.Topics;
import java.time.Instant;
/** A join token was issued for {@code serverName} (the secret is never published). */
@EventType(name = "muster.cluster.token-created", version = 1, topic = Topics.MEMBERSHIP)
public record JoinTokenCreated(String serverName, String operationId, Instant expiresAt) implements LifecycleEvent {
    @Override
    public String key() {
        return serverName;
    }

    @Override
    @JsonIgnore
    public String lifecycleAction() {
        return "cluster-token-created";
    }

    @Override
    @JsonIgnore
    public String lifecycleSource() {
        return "/1.0/cluster/members/members";
    }
}
