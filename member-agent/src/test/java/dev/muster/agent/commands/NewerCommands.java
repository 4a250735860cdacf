package dev.muster.agent.commands;

import dev.muster.agent.Records;
import dev.muster.events.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Commands of a type this agent does not know, as a newer scheduler would send them. */
final class NewerCommands {

    /** A command type that no version of this agent knows. */
    static final String SNAPSHOT_INSTANCE = "muster.agent.snapshot-instance";

    private static final int SCHEMA_VERSION = 1;

    private NewerCommands() {}

    /** A snapshot command for {@code member}, which names it in its data and as the envelope's subject. */
    static EventEnvelope snapshot(String member, String commandId) {
        ObjectNode data = Records.codec()
                .json()
                .createObjectNode()
                .put("member", member)
                .put("command_id", commandId)
                .put("project", "default")
                .put("name", "c1")
                .put("snapshot", "snap0");
        return envelope(member, data);
    }

    /** A command of {@link #SNAPSHOT_INSTANCE} with only {@code data}, whose envelope's subject is {@code subject}. */
    static EventEnvelope envelope(String subject, ObjectNode data) {
        return new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                UUID.randomUUID().toString(),
                SNAPSHOT_INSTANCE,
                "/muster/scheduler-service",
                subject,
                Instant.now(),
                "application/json",
                EventEnvelope.schemaUri(SNAPSHOT_INSTANCE, SCHEMA_VERSION),
                SCHEMA_VERSION,
                data);
    }
}
