package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Restart a running instance; {@code force} kills it instead of asking it to shut down, which may take
 * {@code timeoutSeconds} (-1: as long as it takes).
 */
@EventType(name = "muster.agent.restart-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record RestartInstance(
        String member, String commandId, String project, String name, boolean force, int timeoutSeconds)
        implements InstanceCommand {}
