package dev.muster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.events.health.MemberWentOffline;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A monitor is closed and a new one started on the same database while heartbeats keep coming: the new one must
 * not take "not heard yet" for "dead", and must still judge once its grace period is over.
 */
class RestartWithoutFalseOfflineTest {

    /** Its own event source, so that its announcements are told apart from the other test monitors'. */
    static final String NAME = "health-monitor-restart-test";

    @Test
    void aRestartedMonitorFlagsNoMemberThatKeptHeartbeating() {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        Map<String, Object> settings = Monitors.settings(NAME, database, "health-monitor-restart-" + UUID.randomUUID());
        String member = Fleet.uniqueName("survivor");
        Fleet.configureThresholds();
        Fleet.joined(member);

        try (var events = new HealthEventLog("/muster/" + NAME, member);
                var agent = Fleet.Agent.beating(member, null, Duration.ofSeconds(1))) {
            try (ConfigurableApplicationContext first = Monitors.start(settings)) {
                MonitorClient monitor = Monitors.client(first);
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> monitor.ready(member)
                                && monitor.get("/internal/members")
                                        .body()
                                        .get("metadata")
                                        .valueStream()
                                        .anyMatch(m -> m.get("name").asString().equals(member)
                                                && m.get("last_heartbeat").isString()));
            }

            try (ConfigurableApplicationContext second = Monitors.start(settings)) {
                events.readFor(Duration.ofSeconds(13)); // its grace period (one threshold) and beyond
                assertThat(events.allOf(MemberWentOffline.class)).isEmpty();

                agent.silence(); // and it does judge: a real silence is flagged
                events.awaitEvent(MemberWentOffline.class, Duration.ofSeconds(20));
                assertThat(events.allOf(MemberWentOffline.class)).hasSize(1);
            }
        }
    }
}
