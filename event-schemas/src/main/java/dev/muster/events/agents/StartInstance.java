package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Start a stopped instance.
 */
@EventType(name = "muster.agent.start-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record StartInstance(String member, String commandId, String project, String name) implements InstanceCommand {}
