package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Report what the member's runtime says of one instance ({@link InstanceStateReported}).
 */
@EventType(name = "muster.agent.report-instance-state", version = 1, topic = Topics.AGENT_COMMANDS)
public record ReportInstanceState(String member, String commandId, String project, String name)
        implements InstanceCommand {}
