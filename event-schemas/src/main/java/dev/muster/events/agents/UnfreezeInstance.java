package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/** Unfreeze a running instance's processes (LXD's {@code unfreeze} state action). */
@EventType(name = "muster.agent.unfreeze-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record UnfreezeInstance(String member, String commandId, String project, String name)
        implements InstanceCommand {}
