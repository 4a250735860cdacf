package dev.muster.events.agents;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.Map;

/**
 * Work for one member's agent, keyed by the member so that its commands stay in order.
 *
 * @param action e.g. {@code instance-create}, {@code instance-start}, {@code instance-stop}, {@code instance-delete},
 *     {@code image-copy}
 * @param target the entity acted on, e.g. an instance name or an image fingerprint
 * @param arguments what the action needs, by name
 */
@EventType(name = "muster.agent.command", version = 1, topic = Topics.AGENT_COMMANDS)
public record AgentCommand(String member, String commandId, String action, String target, Map<String, String> arguments)
        implements PublicEvent {
    @Override
    public String key() {
        return member;
    }
}
