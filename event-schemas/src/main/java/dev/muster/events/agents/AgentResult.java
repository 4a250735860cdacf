package dev.muster.events.agents;

import dev.muster.events.DerivedIdEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What an agent answers to one {@link AgentCommand}, keyed by its member. The event id is derived from the command's
 * id: an answer sent twice (the agent restarted before its offsets were committed) is one answer to every inbox.
 */
public sealed interface AgentResult extends DerivedIdEvent
        permits CommandResult, InstanceStateReported, InventoryReported {

    String member();

    /** The id of the command answered. */
    String commandId();

    @Override
    default String key() {
        return member();
    }

    @Override
    default String eventId() {
        return idOfAnswerTo(commandId());
    }

    /** The event id of the answer to the command {@code commandId}. */
    static String idOfAnswerTo(String commandId) {
        return UUID.nameUUIDFromBytes(("muster.agent.result/" + commandId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
