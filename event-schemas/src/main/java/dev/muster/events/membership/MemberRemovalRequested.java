package dev.muster.events.membership;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * Removal of member {@code name} was asked for and it holds the only copy of some images: those are wanted on other
 * members first (the image service copies them; membership removes the member once they are stored elsewhere).
 */
@EventType(name = "muster.member.removal-requested", version = 1, topic = Topics.MEMBERSHIP)
public record MemberRemovalRequested(String name) implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
