package dev.muster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberHealingDue;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.testing.WithInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The monitor against the real broker and PostgreSQL, with {@code cluster.offline_threshold} 10 s and
 * {@code cluster.healing_threshold} 12 s announced by "membership" (this test). Each test has members of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.health.grace-period=2s",
            "muster.health.probe-retry=1s",
            "muster.health.probe-timeout=500ms",
            "muster.health.heartbeat-group=health-monitor-test-${random.uuid}",
            "muster.eventing.relay.idle-poll=200ms"
        })
@WithInfrastructure
class LivenessDetectionTest {

    static final String SOURCE = "/muster/health-monitor";
    static final String NO_PROBE = null;
    static final String REFUSED_PROBE = "http://127.0.0.1:9/alive";
    static final Duration THRESHOLD = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @BeforeAll
    static void announceThresholds() {
        Fleet.configureThresholds();
    }

    @Test
    void aMemberThatStopsHeartbeatingIsFlaggedOfflineWithinThresholdPlusOneSecond() {
        String member = joinedMember("crashing");
        try (var events = new HealthEventLog(SOURCE, member);
                var agent = Fleet.Agent.beating(member, NO_PROBE, Duration.ofSeconds(1))) {
            awaitTracked(member);
            Instant lastSent = agent.silence();

            List<HealthEventLog.Seen> seen = events.awaitEvent(MemberWentOffline.class, Duration.ofSeconds(25));

            HealthEventLog.Seen offline = seen.stream()
                    .filter(s -> s.data() instanceof MemberWentOffline)
                    .findFirst()
                    .orElseThrow();
            MemberWentOffline flag = (MemberWentOffline) offline.data();
            assertThat(flag.thresholdSeconds()).isEqualTo(10);
            assertThat(flag.lastHeartbeat()).isAfterOrEqualTo(lastSent.minusMillis(50));
            // decided (the envelope's time) between threshold and threshold + 1 s after the last heartbeat's receipt
            assertThat(Duration.between(flag.lastHeartbeat(), offline.envelope().time()))
                    .isGreaterThanOrEqualTo(THRESHOLD)
                    .isLessThanOrEqualTo(THRESHOLD.plusSeconds(1));
            assertThat(Duration.between(lastSent, Instant.now())).isLessThan(THRESHOLD.plusSeconds(5));
            assertThat(events.allOf(MemberWentOffline.class)).hasSize(1);
        }
    }

    @Test
    void aSlowButAliveMemberIsNeverFlagged() {
        String member = joinedMember("slow");
        try (var events = new HealthEventLog(SOURCE, member);
                var agent = Fleet.Agent.beating(member, NO_PROBE, THRESHOLD.minusSeconds(1))) {
            awaitTracked(member);

            events.readFor(Duration.ofSeconds(26)); // three silences of threshold − 1 s

            assertThat(events.all()).isEmpty();
            assertThat(memberStatus(member)).isEqualTo("online");
        }
    }

    @Test
    void aPausedThenResumedMemberComesBackOnline() {
        String member = joinedMember("paused");
        var agent = Fleet.Agent.beating(member, NO_PROBE, Duration.ofSeconds(1));
        try (var events = new HealthEventLog(SOURCE, member)) {
            awaitTracked(member);
            agent.silence();
            events.awaitEvent(MemberWentOffline.class, Duration.ofSeconds(25));

            agent = Fleet.Agent.beating(member, NO_PROBE, Duration.ofSeconds(1));
            List<HealthEventLog.Seen> seen = events.awaitEvent(MemberCameOnline.class, Duration.ofSeconds(15));

            assertThat(seen)
                    .extracting(s -> (Object) s.data().getClass())
                    .containsExactly(MemberWentOffline.class, MemberCameOnline.class);
            MemberWentOffline offline = (MemberWentOffline) seen.get(0).data();
            MemberCameOnline online = (MemberCameOnline) seen.get(1).data();
            assertThat(online.at()).isAfter(offline.lastHeartbeat().plus(THRESHOLD));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> memberStatus(member).equals("online"));
        } finally {
            agent.close();
        }
    }

    @Test
    void aMemberWhoseProbeStillAnswersIsNotHealedUntilTheProbeFails() throws IOException {
        String member = joinedMember("fenced");
        AtomicInteger probes = new AtomicInteger();
        HttpServer probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        probe.createContext("/alive", exchange -> {
            probes.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        probe.start();
        String probeUrl = "http://127.0.0.1:" + probe.getAddress().getPort() + "/alive";
        try (var events = new HealthEventLog(SOURCE, member);
                var agent = Fleet.Agent.beating(member, probeUrl, Duration.ofSeconds(1))) {
            awaitTracked(member);
            agent.silence();
            events.awaitEvent(MemberWentOffline.class, Duration.ofSeconds(25));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> probes.get() >= 3); // healing due, but it answers: re-checked
            assertThat(events.allOf(MemberHealingDue.class)).isEmpty();

            probe.stop(0);
            events.awaitEvent(MemberHealingDue.class, Duration.ofSeconds(10));
            events.readFor(Duration.ofSeconds(3));

            MemberWentOffline offline = events.allOf(MemberWentOffline.class).getFirst();
            assertThat(events.allOf(MemberHealingDue.class)).singleElement().satisfies(healing -> {
                assertThat(healing.lastHeartbeat()).isEqualTo(offline.lastHeartbeat());
                assertThat(healing.fencing())
                        .contains("probe")
                        .contains("127.0.0.1:" + probe.getAddress().getPort());
            });
        } finally {
            probe.stop(0);
        }
    }

    @Test
    void aPlannedStopIsAnnouncedAndNeverTakenForAFailure() {
        String member = joinedMember("stopping");
        try (var events = new HealthEventLog(SOURCE, member);
                var agent = Fleet.Agent.beating(member, REFUSED_PROBE, Duration.ofSeconds(1))) {
            awaitTracked(member);
            agent.silence();
            Fleet.heartbeat(member, REFUSED_PROBE, true);

            events.awaitEvent(MemberStopped.class, Duration.ofSeconds(10));
            events.readFor(Duration.ofSeconds(14)); // past the offline and the healing threshold, with a dead probe

            assertThat(events.all())
                    .extracting(s -> (Object) s.data().getClass())
                    .containsExactly(MemberStopped.class);
            assertThat(memberStatus(member)).isEqualTo("stopped");
        }
    }

    String joinedMember(String prefix) {
        String member = Fleet.uniqueName(prefix);
        Fleet.joined(member);
        return member;
    }

    /** Waits until the monitor runs with the test thresholds, knows the member and saved a heartbeat of it. */
    void awaitTracked(String member) {
        var monitor = new MonitorClient(port);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> monitor.ready(member)
                        && monitor.get("/internal/members/" + member + "/resources")
                                .body()
                                .get("metadata")
                                .get("last_heartbeat")
                                .isString());
    }

    String memberStatus(String member) {
        for (var m : new MonitorClient(port).get("/internal/members").body().get("metadata")) {
            if (m.get("name").asString().equals(member)) {
                return m.get("status").asString();
            }
        }
        return "absent";
    }
}
