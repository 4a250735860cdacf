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

    @Test
    void theLxdRuntimeNeedsTheDaemonsDirectory() {
        assertThatThrownBy(() -> AgentOptions.parse(new String[] {"--name", "m1", "--runtime", "lxd"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--runtime lxd needs --lxd-dir DIR (the daemon's LXD_DIR)");

        AgentOptions options = AgentOptions.parse(
                new String[] {"--name", "m1", "--runtime", "lxd", "--lxd-dir", "/tmp/lxd1"}, Map.of());
        assertThat(options.lxd()).isTrue();
        assertThat(options.lxdDir()).hasToString("/tmp/lxd1");
    }

    @Test
    void aSimulatedFleetHasSimulatedInstancesOnly() {
        assertThatThrownBy(() -> AgentOptions.parse(
                        new String[] {"--simulate", "3", "--runtime", "lxd", "--lxd-dir", "/tmp/lxd1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--simulate members always have simulated instances");
    }

    @Test
    void membersReportTheirInventoryEveryMinuteAndKeepTheirStateWhereTold() {
        AgentOptions options = AgentOptions.parse(
                new String[] {"--name", "m1"}, Map.of("MUSTER_AGENT_STATE", "/var/lib/muster-agent"));

        assertThat(options.lxd()).isFalse();
        assertThat(options.inventoryInterval()).hasSeconds(60);
        assertThat(options.stateDir()).hasToString("/var/lib/muster-agent");
    }

    @Test
    void anLxdMembersExecBridgeListensOnAnyFreeLoopbackPortUnlessTold() {
        AgentOptions defaults = AgentOptions.parse(
                new String[] {"--name", "m1", "--runtime", "lxd", "--lxd-dir", "/tmp/lxd1"}, Map.of());
        AgentOptions told = AgentOptions.parse(
                new String[] {
                    "--name", "m1", "--runtime", "lxd", "--lxd-dir", "/tmp/lxd1", "--bridge-address", "127.0.0.2:8450"
                },
                Map.of());

        assertThat(defaults.bridgeHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.bridgePort()).isZero();
        assertThat(told.bridgeHost()).isEqualTo("127.0.0.2");
        assertThat(told.bridgePort()).isEqualTo(8450);
    }

    @Test
    void theExecBridgeGoesWithTheLxdRuntimeAndAHostAndPort() {
        assertThatThrownBy(() ->
                        AgentOptions.parse(new String[] {"--name", "m1", "--bridge-address", "127.0.0.1:0"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--bridge-address goes with --runtime lxd");
        assertThatThrownBy(() -> AgentOptions.parse(
                        new String[] {
                            "--name", "m1", "--runtime", "lxd", "--lxd-dir", "/tmp/lxd1", "--bridge-address", "8450"
                        },
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bridge-address needs HOST:PORT");
    }
}
