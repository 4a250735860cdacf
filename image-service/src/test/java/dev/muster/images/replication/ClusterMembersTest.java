package dev.muster.images.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.testing.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterMembersTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    final FakeClock clock = new FakeClock(T0.plusSeconds(60));
    final ClusterMembers members = new ClusterMembers(clock);

    @Test
    void anOfflineVerdictReadBeforeTheJoinItFollowsStillCountsTheMemberOffline() {
        members.online("m1", false, T0.plusSeconds(30)); // health topic read first
        members.joined("m1", "rack1", T0);

        assertThat(members.get("m1").online()).isFalse();
        assertThat(members.usable("m1")).isFalse();
    }

    @Test
    void aJoinNewerThanAnOldOfflineVerdictCountsTheMemberOnline() {
        members.online("m1", false, T0);
        members.joined("m1", "rack1", T0.plusSeconds(30)); // removed long ago, joined again

        assertThat(members.usable("m1")).isTrue();
    }

    @Test
    void anOlderOnlineVerdictArrivingLateDoesNotOverrideANewerOffline() {
        members.joined("m1", "rack1", T0);
        members.online("m1", false, T0.plusSeconds(20));
        members.online("m1", true, T0.plusSeconds(10));

        assertThat(members.usable("m1")).isFalse();
    }

    @Test
    void aLeavingMemberNeitherCountsNorReceivesCopiesUntilItsLeaveExpires() {
        members.joined("m1", "rack1", T0);
        members.joined("m2", "rack2", T0);
        members.leaving("m1", T0.plusSeconds(50));

        assertThat(members.usable("m1")).isFalse();
        assertThat(members.target()).isEqualTo(1);

        clock.set(T0.plusSeconds(50).plus(ClusterMembers.LEAVING).plusSeconds(1));
        assertThat(members.usable("m1")).isTrue();
    }

    @Test
    void minusOneTargetsEveryUsableMemberAndAFixedTargetIsCappedByThem() {
        members.joined("m1", "a", T0);
        members.joined("m2", "b", T0);
        members.joined("m3", "c", T0);
        members.evacuated("m3", true);

        members.minimalReplica("-1");
        assertThat(members.target()).isEqualTo(2);
        members.minimalReplica("3");
        assertThat(members.target()).isEqualTo(2);
        members.minimalReplica("1");
        assertThat(members.target()).isEqualTo(1);
    }

    @Test
    void aRenamedMemberKeepsItsDomainAndLiveness() {
        members.joined("m1", "rack1", T0);
        members.online("m1", false, T0.plusSeconds(5));
        members.renamed("m1", "m9");

        assertThat(members.get("m1")).isNull();
        assertThat(members.get("m9").failureDomain()).isEqualTo("rack1");
        assertThat(members.get("m9").online()).isFalse();
    }
}
