package dev.muster.scheduler.instances;

import dev.muster.events.agents.AgentCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Commands for a member's agent, with ids that say which project's instance they are about. */
public final class AgentCommands {

    private AgentCommands() {}

    public static AgentCommand of(String member, String project, String instance, String action, Map<String, String> arguments) {
        return new AgentCommand(member, project + "/" + instance + "/" + UUID.randomUUID(), action, instance, arguments);
    }

    /** An image, and the URL its export is downloaded from. */
    public record ImageExport(String fingerprint, String url) {}

    /** Creates an instance of {@code type} on {@code member}, started there if {@code start}. */
    public static AgentCommand create(String member, String project, String instance, String type, boolean start) {
        return of(member, project, instance, "instance-create", createArguments(type, start));
    }

    /** Creates an instance from {@code image}, which the member fetches first unless it holds a verified copy. */
    public static AgentCommand create(String member, String project, String instance, String type, boolean start, ImageExport image) {
        Map<String, String> arguments = new HashMap<>(createArguments(type, start));
        arguments.put("image", image.fingerprint());
        arguments.put("image-source", image.url());
        return of(member, project, instance, "instance-create", Map.copyOf(arguments));
    }

    /** Asks {@code member} for a verified copy of {@code image}, which the image service then counts as a holder. */
    public static AgentCommand copyImage(String member, ImageExport image) {
        return new AgentCommand(member, "image-copy/" + UUID.randomUUID(), "image-copy", image.fingerprint(),
                Map.of("source", image.url()));
    }

    private static Map<String, String> createArguments(String type, boolean start) {
        return Map.of("type", type == null ? "container" : type, "start", String.valueOf(start));
    }

    /** The project a command id names. */
    public static String projectOf(String commandId) {
        int slash = commandId == null ? -1 : commandId.indexOf('/');
        return slash < 0 ? "default" : commandId.substring(0, slash);
    }
}
