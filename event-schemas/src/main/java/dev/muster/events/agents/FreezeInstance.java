package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/** Freeze a running instance's processes (LXD's {@code freeze} state action; {@code lxc pause}). */
@EventType(name = "muster.agent.freeze-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record FreezeInstance(String member, String commandId, String project, String name) implements InstanceCommand {}
