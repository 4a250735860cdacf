package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Stop a running instance; {@code force} kills it instead of asking it to shut down, which may take
 * {@code timeoutSeconds} (-1: as long as it takes, LXD's default).
 */
@EventType(name = "muster.agent.stop-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record StopInstance(
        String member, String commandId, String project, String name, boolean force, int timeoutSeconds)
        implements InstanceCommand {}
