package dev.muster.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.agent.Records;
import dev.muster.agent.commands.ReceivedCommand.Known;
import dev.muster.agent.commands.ReceivedCommand.Unknown;
import dev.muster.events.EventCodec;
import dev.muster.events.EventCodec.MalformedEventException;
import dev.muster.events.EventEnvelope;
import dev.muster.events.PublicEvent;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.StartInstance;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a record of the commands topic is read: a known command, a command of an unknown type, or neither. */
class ReceivedCommandTest {

    private static final String KEY = "m2";
    private final EventCodec codec = Records.codec();

    @Test
    void aKnownCommandIsReadIntoItsRecord() {
        StartInstance start = new StartInstance("m2", "cmd-1", "default", "c1");

        assertThat(read(codec.envelope(start))).contains(new Known(start));
    }

    @Test
    void aCommandOfAnUnknownTypeIsReadWithItsMemberAndCommandIdAndType() {
        assertThat(read(NewerCommands.snapshot("m3", "cmd-7")))
                .contains(new Unknown("m3", "cmd-7", NewerCommands.SNAPSHOT_INSTANCE));
    }

    @Test
    void aCommandOfAnUnknownTypeWhoseDataDoesNotNameTheMemberIsForTheEnvelopesSubject() {
        EventEnvelope envelope =
                NewerCommands.envelope("m4", codec.json().createObjectNode().put("command_id", "cmd-8"));

        assertThat(read(envelope)).contains(new Unknown("m4", "cmd-8", NewerCommands.SNAPSHOT_INSTANCE));
    }

    @Test
    void aCommandOfAnUnknownTypeWithoutACommandIdCannotBeAnsweredAndIsMalformed() {
        EventEnvelope envelope =
                NewerCommands.envelope("m4", codec.json().createObjectNode().put("member", "m4"));

        assertThatThrownBy(() -> read(envelope))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("command_id");
    }

    @Test
    void anEventThatIsNoCommandIsNothingToAnswer() {
        PublicEvent result = CommandResult.unknownCommand("m2", "cmd-9", NewerCommands.SNAPSHOT_INSTANCE);

        assertThat(read(codec.envelope(result))).isEmpty();
    }

    @Test
    void bytesThatAreNoEventAreMalformed() {
        assertThatThrownBy(() -> ReceivedCommand.read(codec, KEY, "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    private Optional<ReceivedCommand> read(EventEnvelope envelope) {
        return ReceivedCommand.read(codec, KEY, codec.toBytes(envelope));
    }
}
