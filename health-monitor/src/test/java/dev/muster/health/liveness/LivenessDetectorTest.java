package dev.muster.health.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.health.liveness.Judgement.CameOnline;
import dev.muster.health.liveness.Judgement.HealingDue;
import dev.muster.health.liveness.Judgement.ProbeNeeded;
import dev.muster.health.liveness.Judgement.Stopped;
import dev.muster.health.liveness.Judgement.WentOffline;
import dev.muster.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LivenessDetectorTest {

    static final Duration OFFLINE = Duration.ofSeconds(10);
    static final Duration HEALING = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(10);
    static final Duration PROBE_RETRY = Duration.ofSeconds(5);
    static final Duration TICK = Duration.ofMillis(100);
    static final String PROBE = "http://10.0.0.1:8444/alive";

    final FakeClock clock = new FakeClock();
    /** Members named "p1-…" hash to partition 1, every other member to partition 0. */
    final LivenessDetector detector =
            new LivenessDetector(clock, (member, count) -> member.startsWith("p1-") ? 1 : 0, GRACE, PROBE_RETRY);

    @BeforeEach
    void ownBothPartitionsPastTheirGrace() {
        detector.thresholdsChanged(new Thresholds(OFFLINE, Duration.ZERO));
        detector.partitionsAssigned(List.of(0, 1), 2, List.of());
        run(GRACE);
    }

    @Test
    void aMemberSilentForTheOfflineThresholdIsFlaggedWithinOneCheck() {
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        Instant last = clock.instant();

        run(OFFLINE.minus(TICK));
        assertThat(detector.takeJudgements()).isEmpty();

        run(TICK);
        assertThat(detector.takeJudgements()).containsExactly(new WentOffline("m1", last, 10));
        assertThat(detector.statusOf("m1")).contains(LivenessStatus.OFFLINE);
    }

    @Test
    void aBrokerOutageLongerThanTheThresholdTurnsNobodyOfflineAndMembersGetOneThresholdAfterItToBeHeard() {
        known("m1");
        known("m2");
        detector.heartbeat("m1", 0, PROBE, false);
        detector.heartbeat("m2", 0, PROBE, false);
        run(Duration.ofSeconds(2));

        detector.feedLost();
        run(OFFLINE.multipliedBy(6)); // a minute without a broker
        assertThat(detector.takeJudgements()).isEmpty();

        detector.feedRestored();
        run(Duration.ofSeconds(3));
        detector.heartbeat("m1", 0, PROBE, false); // m1's agent is back; m2 died meanwhile
        run(OFFLINE.minus(Duration.ofSeconds(3)).minus(TICK));
        assertThat(detector.takeJudgements()).isEmpty();

        run(TICK.multipliedBy(2));
        assertThat(detector.takeJudgements())
                .singleElement()
                .isInstanceOfSatisfying(
                        WentOffline.class,
                        offline -> assertThat(offline.member()).isEqualTo("m2"));
        assertThat(detector.statusOf("m1")).contains(LivenessStatus.ONLINE);
    }

    @Test
    void everyHeartbeatPushesTheDeadlineBack() {
        known("m1");
        for (int i = 0; i < 5; i++) {
            detector.heartbeat("m1", 0, PROBE, false);
            run(OFFLINE.minusSeconds(1));
        }
        assertThat(detector.takeJudgements()).isEmpty();
    }

    @Test
    void aFlaggedMemberThatHeartbeatsAgainCameOnlineOnce() {
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        run(OFFLINE.plusSeconds(5));
        detector.takeJudgements();

        detector.heartbeat("m1", 0, PROBE, false);
        Instant back = clock.instant();
        detector.heartbeat("m1", 0, PROBE, false);

        assertThat(detector.takeJudgements()).containsExactly(new CameOnline("m1", back));
        assertThat(detector.statusOf("m1")).contains(LivenessStatus.ONLINE);
    }

    @Test
    void aPlannedStopIsAnnouncedAndNeverJudgedOfflineNorHealed() {
        detector.thresholdsChanged(new Thresholds(OFFLINE, HEALING));
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        detector.heartbeat("m1", 0, PROBE, true);
        Instant stoppedAt = clock.instant();
        detector.heartbeat("m1", 0, PROBE, true);

        run(HEALING.multipliedBy(3));

        assertThat(detector.takeJudgements()).containsExactly(new Stopped("m1", stoppedAt));
        assertThat(detector.statusOf("m1")).contains(LivenessStatus.STOPPED);
    }

    @Test
    void aStoppedMemberThatHeartbeatsAgainCameOnline() {
        known("m1");
        detector.heartbeat("m1", 0, PROBE, true);
        run(Duration.ofSeconds(3));
        detector.heartbeat("m1", 0, PROBE, false);

        assertThat(detector.takeJudgements())
                .extracting(Judgement::getClass)
                .containsExactly(Stopped.class, CameOnline.class);
    }

    @Test
    void membersUnknownToMembershipAreTrackedButJudgedOnlyOnceKnown() {
        detector.heartbeat("joining", 0, PROBE, false);
        Instant last = clock.instant();
        run(OFFLINE.plusSeconds(5));
        assertThat(detector.takeJudgements()).isEmpty();

        detector.memberJoined("joining");
        run(TICK);

        assertThat(detector.takeJudgements()).containsExactly(new WentOffline("joining", last, 10));
    }

    @Test
    void newlyAssignedPartitionsAreNotJudgedDuringTheirGracePeriod() {
        known("p1-m");
        detector.heartbeat("p1-m", 1, PROBE, false);
        detector.partitionsRevoked(List.of(1));
        detector.partitionsAssigned(
                List.of(1), 2, List.of(remembered("p1-m", clock.instant().minusSeconds(60), LivenessStatus.ONLINE)));

        run(GRACE.minus(TICK));
        assertThat(detector.takeJudgements()).isEmpty();
        detector.heartbeat("p1-m", 1, PROBE, false); // heard during the grace: alive
        run(TICK.multipliedBy(2));

        assertThat(detector.takeJudgements()).isEmpty();
    }

    @Test
    void aKnownMemberNotHeardDuringTheGracePeriodIsFlaggedWhenItEnds() {
        known("p1-silent");
        Instant rememberedHeartbeat = clock.instant().minusSeconds(60);
        detector.partitionsRevoked(List.of(1));
        detector.partitionsAssigned(
                List.of(1), 2, List.of(remembered("p1-silent", rememberedHeartbeat, LivenessStatus.ONLINE)));

        run(GRACE.minus(TICK));
        assertThat(detector.takeJudgements()).isEmpty();
        run(TICK);

        assertThat(detector.takeJudgements()).containsExactly(new WentOffline("p1-silent", rememberedHeartbeat, 10));
    }

    @Test
    void aMemberRememberedOfflineIsNotFlaggedAgainByItsNewOwner() {
        known("p1-gone");
        detector.partitionsRevoked(List.of(1));
        detector.partitionsAssigned(
                List.of(1),
                2,
                List.of(remembered("p1-gone", clock.instant().minusSeconds(60), LivenessStatus.OFFLINE)));

        run(GRACE.plus(OFFLINE));
        assertThat(detector.takeJudgements()).isEmpty();

        detector.heartbeat("p1-gone", 1, PROBE, false);
        assertThat(detector.takeJudgements()).extracting(Judgement::getClass).containsExactly(CameOnline.class);
    }

    @Test
    void aMemberBelongsToThePartitionItsHeartbeatsArriveOnNotToItsHash() {
        known("heard-on-1"); // hashes to partition 0, but its heartbeats arrive on partition 1
        detector.partitionsRevoked(List.of(0, 1));
        detector.partitionsAssigned(
                List.of(0),
                2,
                List.of(new RememberedMember("heard-on-1", clock.instant(), 1, PROBE, LivenessStatus.ONLINE, false)));

        run(GRACE.plus(OFFLINE).plus(OFFLINE));

        assertThat(detector.takeJudgements()).isEmpty(); // the owner of partition 1 judges it, not this monitor
        assertThat(detector.statusOf("heard-on-1")).isEmpty();
    }

    @Test
    void membersOfRevokedPartitionsAreNoLongerJudged() {
        known("p1-m");
        detector.heartbeat("p1-m", 1, PROBE, false);
        detector.partitionsRevoked(List.of(1));

        run(OFFLINE.multipliedBy(2));

        assertThat(detector.takeJudgements()).isEmpty();
        assertThat(detector.statusOf("p1-m")).isEmpty();
    }

    @Test
    void healingIsConsideredOnlyAfterMaxOfHealingAndOfflineThreshold() {
        detector.thresholdsChanged(new Thresholds(OFFLINE, HEALING));
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);

        run(HEALING.minus(TICK));
        assertThat(detector.takeJudgements()).extracting(Judgement::getClass).containsExactly(WentOffline.class);
        run(TICK);

        assertThat(detector.takeJudgements()).containsExactly(new ProbeNeeded("m1", PROBE));
    }

    @Test
    void healingIsDueOnlyOnceTheProbeFailsAndAtMostOncePerOfflinePeriod() {
        detector.thresholdsChanged(new Thresholds(OFFLINE, HEALING));
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        Instant last = clock.instant();
        run(HEALING);
        detector.takeJudgements();

        detector.probeAnswered("m1"); // still answers: not healed, probed again later
        run(PROBE_RETRY.minus(TICK));
        assertThat(detector.takeJudgements()).isEmpty();
        run(TICK);
        assertThat(detector.takeJudgements()).containsExactly(new ProbeNeeded("m1", PROBE));

        detector.probeFailed("m1", "probe refused: 10.0.0.1:8444");
        run(HEALING.multipliedBy(3));

        assertThat(detector.takeJudgements())
                .containsExactly(new HealingDue("m1", last, "probe refused: 10.0.0.1:8444"));
    }

    @Test
    void aMemberBackOnlineAndOfflineAgainMayBeHealedAgain() {
        detector.thresholdsChanged(new Thresholds(OFFLINE, HEALING));
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        run(HEALING);
        detector.probeFailed("m1", "probe refused");
        detector.heartbeat("m1", 0, PROBE, false);
        run(HEALING);
        detector.probeFailed("m1", "probe refused");

        assertThat(detector.takeJudgements())
                .extracting(Judgement::getClass)
                .containsExactly(
                        WentOffline.class,
                        ProbeNeeded.class,
                        HealingDue.class,
                        CameOnline.class,
                        WentOffline.class,
                        ProbeNeeded.class,
                        HealingDue.class);
    }

    @Test
    void evacuatedMembersAreNotHealedUntilRestored() {
        detector.thresholdsChanged(new Thresholds(OFFLINE, HEALING));
        known("m1");
        detector.memberEvacuated("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        run(HEALING.multipliedBy(2));
        assertThat(detector.takeJudgements()).extracting(Judgement::getClass).containsExactly(WentOffline.class);

        detector.memberRestored("m1");
        run(TICK);

        assertThat(detector.takeJudgements()).containsExactly(new ProbeNeeded("m1", PROBE));
    }

    @Test
    void withHealingOffNoProbeIsEverAsked() {
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        run(Duration.ofMinutes(5));

        assertThat(detector.takeJudgements()).extracting(Judgement::getClass).containsExactly(WentOffline.class);
    }

    @Test
    void aRaisedOfflineThresholdMovesTheDeadline() {
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        run(Duration.ofSeconds(5));
        detector.thresholdsChanged(new Thresholds(Duration.ofSeconds(30), Duration.ZERO));

        run(Duration.ofSeconds(25).minus(TICK));
        assertThat(detector.takeJudgements()).isEmpty();
        run(TICK);

        assertThat(detector.takeJudgements()).extracting(Judgement::getClass).containsExactly(WentOffline.class);
    }

    @Test
    void aRemovedMemberIsForgotten() {
        known("m1");
        detector.heartbeat("m1", 0, PROBE, false);
        detector.memberRemoved("m1");

        run(OFFLINE.multipliedBy(2));

        assertThat(detector.takeJudgements()).isEmpty();
    }

    @Test
    void thresholdsComeFromTheServerConfigurationWithLxdsDefaults() {
        assertThat(Thresholds.fromServerConfig(Map.of())).isEqualTo(Thresholds.DEFAULT);
        assertThat(Thresholds.fromServerConfig(
                        Map.of("cluster.offline_threshold", "12", "cluster.healing_threshold", "60")))
                .isEqualTo(new Thresholds(Duration.ofSeconds(12), Duration.ofSeconds(60)));
        assertThat(new Thresholds(Duration.ofSeconds(20), Duration.ofSeconds(5)).healingAfter())
                .isEqualTo(Duration.ofSeconds(20));
    }

    private void known(String... members) {
        Set.of(members).forEach(detector::memberJoined);
    }

    private static RememberedMember remembered(String name, Instant lastHeartbeat, LivenessStatus status) {
        return new RememberedMember(name, lastHeartbeat, null, PROBE, status, false);
    }

    /** Lets time pass in check-sized steps, as the monitor's loop does. */
    private void run(Duration duration) {
        Instant until = clock.instant().plus(duration);
        while (clock.instant().isBefore(until)) {
            Duration step = Duration.between(clock.instant(), until).compareTo(TICK) < 0
                    ? Duration.between(clock.instant(), until)
                    : TICK;
            clock.advance(step);
            detector.check();
        }
    }
}
