package dev.muster.agent.commands;

import dev.muster.events.EventCodec;
import dev.muster.events.EventCodec.MalformedEventException;
import dev.muster.events.EventEnvelope;
import dev.muster.events.PublicEvent;
import dev.muster.events.agents.AgentCommand;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A command read off the commands topic: one this agent knows, or one whose type it does not know (sent by a newer
 * scheduler), which it still answers, as unsupported.
 */
sealed interface ReceivedCommand {

    String member();

    String commandId();

    /** A command of a type this agent knows, decoded into its record. */
    record Known(AgentCommand command) implements ReceivedCommand {
        @Override
        public String member() {
            return command.member();
        }

        @Override
        public String commandId() {
            return command.commandId();
        }
    }

    /** A command of a type this agent does not know: only whom it is for and its id could be read. */
    record Unknown(String member, String commandId, String type) implements ReceivedCommand {}

    /**
     * Reads one record's value.
     *
     * @param key the record's key, the member when neither the data nor the envelope names it
     * @return empty for an event of a known type that is no command (nothing to answer)
     * @throws MalformedEventException for bytes that are no event, or a command that cannot be answered (no member or
     *     command id)
     */
    static Optional<ReceivedCommand> read(EventCodec codec, String key, byte[] value) {
        EventEnvelope envelope = codec.readEnvelope(value);
        Optional<PublicEvent> event = codec.dataOf(envelope);
        if (event.isEmpty()) {
            return Optional.of(unknown(envelope, key));
        }
        if (!(event.get() instanceof AgentCommand command)) {
            return Optional.empty();
        }
        if (command.member() == null || command.commandId() == null) {
            throw new MalformedEventException(envelope.type() + " without member or command_id");
        }
        return Optional.of(new Known(command));
    }

    private static Unknown unknown(EventEnvelope envelope, String key) {
        JsonNode data = envelope.data();
        String member = textIn(data, "member");
        if (member.isEmpty()) {
            member = envelope.subject() != null ? envelope.subject() : key == null ? "" : key;
        }
        String commandId = textIn(data, "command_id");
        if (member.isEmpty() || commandId.isEmpty()) {
            throw new MalformedEventException(
                    "a command of the unknown type " + envelope.type() + " without member or command_id");
        }
        return new Unknown(member, commandId, envelope.type());
    }

    private static String textIn(JsonNode data, String field) {
        return data == null ? "" : data.path(field).stringValue("");
    }
}
