package dev.muster.scheduler.instances;

import dev.muster.events.agents.AgentCommand;
import java.util.Map;
import java.util.UUID;

/** Commands for a member's agent, with ids that say which project's instance they are about. */
public final class AgentCommands {

    private AgentCommands() {}

    public static AgentCommand of(String member, String project, String instance, String action, Map<String, String> arguments) {
        return new AgentCommand(member, project + "/" + instance + "/" + UUID.randomUUID(), action, instance, arguments);
    }

    /** Creates an instance of {@code type} on {@code member}, started there if {@code start}. */
    public static AgentCommand create(String member, String project, String instance, String type, boolean start) {
        return of(member, project, instance, "instance-create",
                Map.of("type", type == null ? "container" : type, "start", String.valueOf(start)));
    }

    /** The project a command id names. */
    public static String projectOf(String commandId) {
        int slash = commandId == null ? -1 : commandId.indexOf('/');
        return slash < 0 ? "default" : commandId.substring(0, slash);
    }
}
