package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Send the instance's data (its root file system and configuration) to {@code destination}, a URL another
 * member imports it from; the instance stays in place until it is deleted.
 */
@EventType(name = "muster.agent.export-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record ExportInstance(String member, String commandId, String project, String name, String destination)
        implements InstanceCommand {}
