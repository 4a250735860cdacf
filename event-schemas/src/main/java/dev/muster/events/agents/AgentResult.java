package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * What an agent did with a command: {@code status} is {@code done}, {@code failed} or {@code unsupported}.
 */
@EventType(name = "muster.agent.result", version = 1, topic = Topics.AGENT_RESULTS)
public record AgentResult(String member, String commandId, String action, String target, String status, String message)
        implements PublicEvent {
    @Override
    public String key() {
        return member;
    }
}
