package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.Topics;

/**
 * Report every instance and image the member holds ({@link InventoryReported}).
 */
@EventType(name = "muster.agent.report-inventory", version = 1, topic = Topics.AGENT_COMMANDS)
public record ReportInventory(String member, String commandId) implements AgentCommand {
    @Override
    public String subject() {
        return member;
    }
}
