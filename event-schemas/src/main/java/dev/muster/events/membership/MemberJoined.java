package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;

/** A member joined the cluster (or bootstrapped it); {@code roles} are its LXD roles after the join. */
@EventType(name = "muster.member.joined", version = 1, topic = Topics.MEMBERSHIP)
public record MemberJoined(
        String name, String url, String architecture, String failureDomain, List<String> groups, List<String> roles)
        implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
