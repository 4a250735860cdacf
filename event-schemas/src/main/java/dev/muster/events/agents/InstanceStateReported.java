package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * What the member's runtime says of one instance ({@link ReportInstanceState}).
 *
 * @param status LXD's status text ({@code Running}, {@code Stopped}, …), or {@code Missing} when the runtime does not
 *     have the instance
 * @param pid the init process's pid on the member (0 when not running)
 * @param processes how many processes run in it (-1 when not known)
 * @param memoryUsage bytes of memory in use
 * @param cpuUsage CPU time used, in nanoseconds
 */
@EventType(name = "muster.agent.instance-state-reported", version = 1, topic = Topics.AGENT_RESULTS)
public record InstanceStateReported(
        String member,
        String commandId,
        String project,
        String name,
        String status,
        long pid,
        int processes,
        long memoryUsage,
        long cpuUsage)
        implements AgentResult {}
