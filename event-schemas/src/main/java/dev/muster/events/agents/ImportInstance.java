package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;
import java.util.Map;

/**
 * Create an instance from the data another member exported to {@code source}, started if {@code start}.
 */
@EventType(name = "muster.agent.import-instance", version = 1, topic = Topics.AGENT_COMMANDS)
public record ImportInstance(
        String member,
        String commandId,
        String project,
        String name,
        String type,
        boolean start,
        String source,
        Map<String, String> config)
        implements InstanceCommand {}
