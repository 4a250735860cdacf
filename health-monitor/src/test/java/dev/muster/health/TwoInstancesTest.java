package dev.muster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.events.health.MemberWentOffline;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances in one heartbeat group split the members: each member is flagged once, by exactly one of them. */
class TwoInstancesTest {

    static final String NAME = "health-monitor-pair-test";

    @Test
    void twoInstancesSplitTheMembersAndFlagEachSilentMemberExactlyOnce() throws Exception {
        Map<String, Object> settings =
                Monitors.settings(NAME, TestInfrastructure.newDatabase(), "health-monitor-pair-" + UUID.randomUUID());
        settings.put("muster.health.grace-period", "2s");
        List<String> members = IntStream.range(0, 8)
                .mapToObj(i -> Fleet.uniqueName("pair" + i))
                .toList();
        Fleet.configureThresholds();
        members.forEach(Fleet::joined);
        List<Fleet.Agent> agents = members.stream()
                .map(m -> Fleet.Agent.beating(m, null, Duration.ofSeconds(1)))
                .toList();
        List<HealthEventLog> logs = members.stream()
                .map(m -> new HealthEventLog("/muster/" + NAME, m))
                .toList();

        try (ConfigurableApplicationContext one = Monitors.start(settings)) {
            MonitorClient first = Monitors.client(one);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> members.stream().allMatch(m -> first.ready(m) && first.heard(m)));
            Thread.sleep(1500); // saved: the second learns where each member's heartbeats arrive
            try (ConfigurableApplicationContext two = Monitors.start(settings)) {
                MonitorClient second = Monitors.client(two);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(300))
                        .until(() -> members.stream().allMatch(second::ready));
                Thread.sleep(4000); // the group settles (both own partitions) and the grace periods pass

                agents.forEach(Fleet.Agent::silence);
                for (HealthEventLog log : logs) {
                    log.awaitEvent(MemberWentOffline.class, Duration.ofSeconds(25));
                }
                logs.getFirst().readFor(Duration.ofSeconds(3));

                for (HealthEventLog log : logs) {
                    assertThat(log.allOf(MemberWentOffline.class)).hasSize(1);
                }
            }
        } finally {
            agents.forEach(Fleet.Agent::close);
            logs.forEach(HealthEventLog::close);
        }
    }
}
