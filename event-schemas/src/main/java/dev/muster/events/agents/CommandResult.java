package dev.muster.events.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.muster.events.EventType;
import dev.muster.events.PublicEvents;
import dev.muster.events.Topics;
import java.util.Locale;

/**
 * How an agent's command went.
 *
 * @param command the stable type name of the command answered, e.g. {@code muster.agent.create-instance}
 * @param project the project of the instance acted on, empty for image and member commands
 * @param subject what the command acted on: an instance name, an image fingerprint, the member
 * @param message why it failed or was not supported; empty when done
 */
@EventType(name = "muster.agent.result", version = 2, topic = Topics.AGENT_RESULTS)
public record CommandResult(
        String member, String commandId, String command, String project, String subject, Status status, String message)
        implements AgentResult {

    /** The outcome of a command. */
    public enum Status {
        DONE,
        FAILED,
        /** The agent does not know the command's type, or its runtime cannot do it. */
        UNSUPPORTED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static CommandResult done(AgentCommand command) {
        return of(command, Status.DONE, "");
    }

    public static CommandResult failed(AgentCommand command, String message) {
        return of(command, Status.FAILED, message);
    }

    public static CommandResult unsupported(AgentCommand command, String message) {
        return of(command, Status.UNSUPPORTED, message);
    }

    /** The answer to a command whose type {@code commandType} the agent does not know, so could not read. */
    public static CommandResult unknownCommand(String member, String commandId, String commandType) {
        return new CommandResult(
                member,
                commandId,
                commandType,
                "",
                "",
                Status.UNSUPPORTED,
                "Unsupported command \"" + commandType + "\"");
    }

    private static CommandResult of(AgentCommand command, Status status, String message) {
        return new CommandResult(
                command.member(),
                command.commandId(),
                PublicEvents.typeOf(command.getClass()).name(),
                command.project(),
                command.subject(),
                status,
                message);
    }

    /** Whether this answers a command of {@code type}. */
    public boolean answers(Class<? extends AgentCommand> type) {
        return command.equals(PublicEvents.typeOf(type).name());
    }

    public boolean done() {
        return status == Status.DONE;
    }
}
