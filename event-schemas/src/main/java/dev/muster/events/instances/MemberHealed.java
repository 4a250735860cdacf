package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;

/**
 * A dead member was healed: its instances were moved ({@code moved}; {@code stayed} had nowhere to go). Membership
 * marks the member {@code Evacuated}, where it stays until restored; LXD's lifecycle action is
 * {@code cluster-member-healed}.
 */
@EventType(name = "muster.member.healed", version = 1, topic = Topics.INSTANCES)
public record MemberHealed(String member, int moved, List<String> stayed) implements PublicEvent {
    @Override
    public String key() {
        return member;
    }
}
