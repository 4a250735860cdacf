package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Delete an instance from the member.
 *
 * @param reason why: empty for a client's delete, {@code move}, {@code evacuation}, {@code restore}
 * @param force a running instance is stopped first instead of the delete failing
 */
@EventType(name = "muster.agent.delete-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record DeleteInstance(String member, String commandId, String project, String name, String reason, boolean force)
        implements InstanceCommand {}
