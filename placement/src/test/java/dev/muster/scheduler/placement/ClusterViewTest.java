package dev.muster.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view ends in the same picture whatever order it reads membership's and health's topics in. */
class ClusterViewTest {

    private static final Instant JOINED = Instant.parse("2026-12-03T10:00:00Z");
    private final ClusterView view = new ClusterView();

    @Test
    void aVerdictThatFollowsTheJoinButIsReadBeforeItStillCounts() {
        view.memberOnline("m2", false, JOINED.plusSeconds(60));
        view.memberJoined("m2", "x86_64", List.of("default"), JOINED);

        assertThat(view.member("m2").orElseThrow().online()).isFalse();
    }

    @Test
    void aVerdictOnAnEarlierLifeOfTheNameDoesNotTurnTheRejoinedMemberOffline() {
        view.memberOnline("m2", false, JOINED.minusSeconds(60));
        view.memberJoined("m2", "x86_64", List.of("default"), JOINED);
        view.memberOnline("m2", false, JOINED.minusSeconds(30)); // the same old verdict, redelivered

        assertThat(view.member("m2").orElseThrow().online()).isTrue();
    }

    @Test
    void anOlderVerdictReadAfterANewerOneIsIgnored() {
        view.memberJoined("m2", "x86_64", List.of("default"), JOINED);
        view.memberOnline("m2", true, JOINED.plusSeconds(120));
        view.memberOnline("m2", false, JOINED.plusSeconds(60));

        assertThat(view.member("m2").orElseThrow().online()).isTrue();
    }
}
