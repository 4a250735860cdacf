package dev.muster.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.VerifyImage;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {

    private final EventCodec codec = new EventCodec("/muster/member-agent");
    private final StartInstance start = new StartInstance("m2", "cmd-1", "default", "c1");

    @Test
    void anAnswerSentTwiceIsOneEvent() {
        EventEnvelope first = codec.envelope(CommandResult.done(start));
        EventEnvelope again = codec.envelope(CommandResult.failed(start, "sent again after a restart"));

        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void answersToDifferentCommandsAreDifferentEvents() {
        StartInstance other = new StartInstance("m2", "cmd-2", "default", "c1");

        assertThat(codec.envelope(CommandResult.done(other)).id())
                .isNotEqualTo(codec.envelope(CommandResult.done(start)).id());
    }

    @Test
    void commandsGetFreshIds() {
        assertThat(codec.envelope(start).id())
                .isNotEqualTo(codec.envelope(start).id());
    }

    @Test
    void anAnswerNamesTheCommandItAnswersAndWhatItActedOn() {
        CommandResult result = CommandResult.failed(start, "no such instance");

        assertThat(result.answers(StartInstance.class)).isTrue();
        assertThat(result.answers(CreateInstance.class)).isFalse();
        assertThat(result.project()).isEqualTo("default");
        assertThat(result.subject()).isEqualTo("c1");
        assertThat(result.done()).isFalse();
        assertThat(CommandResult.done(new VerifyImage("m1", "cmd-3", "abc")).subject())
                .isEqualTo("abc");
    }

    @Test
    void anUnknownCommandIsAnsweredUnsupportedNamingItsType() {
        CommandResult result = CommandResult.unknownCommand("m2", "cmd-9", "muster.agent.snapshot-instance");

        assertThat(result.status()).isEqualTo(CommandResult.Status.UNSUPPORTED);
        assertThat(result.message()).isEqualTo("Unsupported command \"muster.agent.snapshot-instance\"");
        assertThat(codec.json().valueToTree(result).get("status").asString()).isEqualTo("unsupported");
    }
}
