package dev.muster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void issueTokenNamesTheMemberTheTokenIsFor() {
        AgentOptions options =
                AgentOptions.parse(new String[] {"--issue-token", "m2", "--gateway", "http://127.0.0.1:9"}, Map.of());

        assertThat(options.issuesToken()).isTrue();
        assertThat(options.issueTokenFor()).isEqualTo("m2");
        assertThat(options.gateway()).hasToString("http://127.0.0.1:9");
    }

    @Test
    void issueTokenCannotBeCombinedWithRunningAMember() {
        assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--issue-token", "m2", "--name", "m1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--issue-token NAME goes alone");
    }

    @Test
    void joiningNeedsTheMembersAddress() {
        assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--name", "m2", "--token", "abc"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--address HOST:PORT is required to join");
    }

    @Test
    void aPlainMemberHeartbeatsEverySecondByDefault() {
        AgentOptions options = AgentOptions.parse(new String[] {"--name", "m1"}, Map.of());

        assertThat(options.issuesToken()).isFalse();
        assertThat(options.interval()).hasSeconds(1);
    }
}
