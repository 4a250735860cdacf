package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** A member's status changed: Online, Offline, Evacuated (LXD's status and message). */
@EventType(name = "muster.member.status-changed", version = 1, topic = Topics.MEMBERSHIP)
public record MemberStatusChanged(String name, String status, String message) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
