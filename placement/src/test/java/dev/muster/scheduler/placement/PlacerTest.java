package dev.muster.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacerTest {

    private final ClusterView view = new ClusterView();
    private final Placer placer = new Placer(view, new SplittableRandom(7));

    @Test
    void sixtyPlacementsOnThreeMembersWithOneManualSplitThirtyThirty() {
        join("m1", "x86_64", "all");
        join("m2", "x86_64", "all");
        join("m3", "x86_64", "manual");

        Map<String, Integer> counts = placeMany(60, new PlacementTarget.Anywhere());

        assertThat(counts).containsOnly(Map.entry("m1", 30), Map.entry("m2", 30));
    }

    @Test
    void aGroupTargetPlacesOnlyOnItsMembersIncludingGroupOnlyMembers() {
        join("m1", "x86_64", "all");
        join("m2", "x86_64", "group");
        join("m3", "x86_64", "all");
        view.groupChanged("gpu", List.of("m2", "m3"));

        assertThat(placeMany(10, new PlacementTarget.Group("gpu")))
                .containsOnly(Map.entry("m2", 5), Map.entry("m3", 5));
        assertThat(placeMany(10, new PlacementTarget.Anywhere())).doesNotContainKey("m2");
    }

    @Test
    void anUnknownGroupIsLxdsBadRequest() {
        join("m1", "x86_64", "all");

        assertThat(placer.place(request(new PlacementTarget.Group("nope"))))
                .isEqualTo(new Decision.Rejected(400, "Cluster group \"nope\" does not exist"));
    }

    @Test
    void anUnknownMemberIsLxdsNotFound() {
        assertThat(placer.place(request(new PlacementTarget.Member("m9"))))
                .isEqualTo(new Decision.Rejected(404, "Cluster member \"m9\" not found"));
    }

    @Test
    void offlineAndEvacuatedMembersAndOtherArchitecturesAreNoCandidates() {
        join("m1", "x86_64", "all");
        join("m2", "aarch64", "all");
        join("m3", "x86_64", "all");
        view.memberOnline("m1", false);
        view.memberEvacuated("m3", true);

        assertThat(placer.place(new PlacementRequest("c1", "x86_64", new PlacementTarget.Anywhere(), "", "new")))
                .isEqualTo(Decision.Rejected.noCandidate());
        assertThat(placer.place(new PlacementRequest("c2", "armv7l", new PlacementTarget.Anywhere(), "", "new")))
                .isEqualTo(new Decision.Placed("m2"));
    }

    @Test
    void inFlightPlacementsCountSoABurstIsSpreadAtOnce() {
        join("m1", "x86_64", "all");
        join("m2", "x86_64", "all");
        view.countsAre(Map.of("m1", 5L));

        assertThat(placeMany(7, new PlacementTarget.Anywhere())).containsOnly(Map.entry("m1", 1), Map.entry("m2", 6));
    }

    @Test
    void aPolicyMayChooseOrRefuseAndOtherwiseTheDefaultDecides() {
        join("m1", "x86_64", "all");
        join("m2", "x86_64", "all");
        placer.usePolicy((request, candidates, v) -> switch (request.instance()) {
            case "pinned" -> Optional.of("m2");
            case "refused" -> throw new PlacementPolicy.PlacementRefused("Failed instance placement scriptlet: no");
            default -> Optional.empty();
        });

        assertThat(placer.place(new PlacementRequest("pinned", "", new PlacementTarget.Anywhere(), "", "new")))
                .isEqualTo(new Decision.Placed("m2"));
        assertThat(placer.place(new PlacementRequest("refused", "", new PlacementTarget.Member("m1"), "", "new")))
                .isEqualTo(new Decision.Rejected(400, "Failed instance placement scriptlet: no"));
        assertThat(placer.place(new PlacementRequest("other", "", new PlacementTarget.Anywhere(), "", "new")))
                .isEqualTo(new Decision.Placed("m1"));
    }

    @Test
    void aMoveNeverChoosesTheMemberTheInstanceIsOn() {
        join("m1", "x86_64", "all");
        join("m2", "x86_64", "all");
        view.countsAre(Map.of("m2", 10L));

        assertThat(placer.place(new PlacementRequest("c1", "", new PlacementTarget.Anywhere(), "m1", "relocation")))
                .isEqualTo(new Decision.Placed("m2"));
    }

    private void join(String name, String architecture, String schedulerInstance) {
        view.memberJoined(name, architecture, List.of("default"));
        view.memberUpdated(name, Map.of("scheduler.instance", schedulerInstance), List.of("default"));
    }

    private Map<String, Integer> placeMany(int n, PlacementTarget target) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (placer.place(request(target)) instanceof Decision.Placed placed) {
                counts.merge(placed.member(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static PlacementRequest request(PlacementTarget target) {
        return new PlacementRequest("c", "", target, "", "new");
    }
}
