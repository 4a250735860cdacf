package dev.muster.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.events.heartbeats.MemberState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedHostTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long GIB = 1L << 30;

    private static List<MemberState> fleetState(long seed, long sequence) {
        List<MemberState> states = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            states.add(new SimulatedHost(seed, i, SECOND, "x86_64").stateAt(sequence));
        }
        return states;
    }

    @Test
    void aFleetOf200IsTheSameForTheSameSeed() {
        assertThat(fleetState(42, 1)).isEqualTo(fleetState(42, 1));
        assertThat(fleetState(42, 5000)).isEqualTo(fleetState(42, 5000));
    }

    @Test
    void anotherSeedGivesAnotherFleet() {
        assertThat(fleetState(43, 1)).isNotEqualTo(fleetState(42, 1));
    }

    @Test
    void hardwareIsPlausibleAndVaried() {
        List<SimulatedHost> hosts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hosts.add(new SimulatedHost(42, i, SECOND, "x86_64"));
        }

        assertThat(hosts).allSatisfy(host -> {
            assertThat(host.totalRam()).isBetween(8 * GIB, 256 * GIB);
            assertThat(host.cpus()).isBetween(4, 128);
        });
        assertThat(hosts.stream().map(SimulatedHost::totalRam).distinct().count())
                .isGreaterThan(5);
        assertThat(hosts.stream().map(SimulatedHost::cpus).distinct().count()).isGreaterThan(5);
    }

    @Test
    void loadDriftsSlowlyFromOneHeartbeatToTheNext() {
        SimulatedHost host = new SimulatedHost(42, 7, SECOND, "x86_64");
        for (long sequence = 1; sequence < 600; sequence++) {
            double now = host.stateAt(sequence).sysinfo().loadAverages().get(2);
            double next = host.stateAt(sequence + 1).sysinfo().loadAverages().get(2);
            assertThat(Math.abs(next - now)).isLessThanOrEqualTo(0.01 * host.cpus() + 0.011);
        }
    }

    @Test
    void stateIsConsistent() {
        SimulatedHost host = new SimulatedHost(42, 3, SECOND, "aarch64");
        MemberState state = host.stateAt(100);

        assertThat(state.sysinfo().freeRam()).isLessThan(state.sysinfo().totalRam());
        assertThat(state.resources().memory().used())
                .isLessThan(state.resources().memory().total());
        assertThat(state.resources().cpu()).isEqualTo(new MemberState.Cpu("aarch64", host.cpus()));
        assertThat(state.sysinfo().uptime()).isEqualTo(host.stateAt(0).sysinfo().uptime() + 100);
        MemberState.StoragePoolState pool = state.storagePools().get("local");
        assertThat(pool.space().used()).isLessThan(pool.space().total());
    }

    @Test
    void membersGetDistinctAddresses() {
        assertThat(FleetSettings.addressOf(0)).isEqualTo("10.0.0.1:8443");
        assertThat(FleetSettings.addressOf(255)).isEqualTo("10.0.1.0:8443");
        assertThat(FleetSettings.addressOf(70_000)).isEqualTo("10.1.17.113:8443");
    }
}
