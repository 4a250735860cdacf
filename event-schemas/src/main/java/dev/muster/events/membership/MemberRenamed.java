package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** A member was renamed from {@code oldName}. */
@EventType(name = "muster.member.renamed", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRenamed(String name, String oldName) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
