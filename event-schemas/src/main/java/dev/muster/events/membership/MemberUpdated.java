package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;
import java.util.Map;

/** A member's writable part changed (description, failure domain, user roles, config, groups). */
@EventType(name = "muster.member.updated", version = 1, topic = Topics.MEMBERSHIP)
public record MemberUpdated(
        String name,
        String description,
        String failureDomain,
        Map<String, String> config,
        List<String> groups,
        List<String> roles)
        implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
