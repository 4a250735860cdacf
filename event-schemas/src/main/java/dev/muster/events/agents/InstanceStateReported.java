package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * What the member's runtime says of one instance ({@link ReportInstanceState}).
 *
 * @param status LXD's status text ({@code Running}, {@code Stopped}, …), or {@code Missing} when the runtime does not
 *     have the instance
 */
@EventType(name = "muster.agent.instance-state-reported", version = 1, topic = Topics.AGENT_RESULTS)
public record InstanceStateReported(String member, String commandId, String project, String name, String status)
        implements AgentResult {}
