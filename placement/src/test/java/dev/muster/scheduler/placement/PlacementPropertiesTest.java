package dev.muster.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlacementPropertiesTest {

    record Spec(String schedulerInstance, boolean online, boolean evacuated, boolean inGpu, String architecture) {}

    @Provide
    Arbitrary<List<Spec>> clusters() {
        Arbitrary<Spec> member = Combinators.combine(
                        Arbitraries.of("all", "all", "all", "manual", "group"),
                        Arbitraries.of(true, true, true, false),
                        Arbitraries.of(false, false, false, true),
                        Arbitraries.of(true, false),
                        Arbitraries.of("x86_64", "x86_64", "aarch64"))
                .as(Spec::new);
        return member.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<PlacementTarget> targets() {
        return Arbitraries.of(new PlacementTarget.Anywhere(), new PlacementTarget.Group("gpu"));
    }

    @Property
    void everyChoicePassesTheCandidateFilter(
            @ForAll("clusters") List<Spec> specs, @ForAll("targets") PlacementTarget target, @ForAll long seed) {
        ClusterView view = viewOf(specs);
        Placer placer = new Placer(view, new SplittableRandom(seed));
        String group = target instanceof PlacementTarget.Group g ? g.name() : "";
        for (int i = 0; i < 20; i++) {
            Decision decision = placer.place(new PlacementRequest("c" + i, "", target, "", "new"));
            if (decision instanceof Decision.Placed placed) {
                MemberFacts chosen = view.member(placed.member()).orElseThrow();
                assertThat(CandidateFilter.eligible(chosen, group, ""))
                        .as("chosen %s", chosen)
                        .isTrue();
            } else {
                assertThat(CandidateFilter.candidates(view, new PlacementRequest("c", "", target, "", "new")))
                        .isEmpty();
                assertThat(decision).isEqualTo(Decision.Rejected.noCandidate());
            }
        }
    }

    @Property
    void sequentialAutomaticPlacementsKeepEligibleMembersWithinOneOfEachOther(
            @ForAll("clusters") List<Spec> specs, @ForAll long seed) {
        ClusterView view = viewOf(specs);
        Placer placer = new Placer(view, new SplittableRandom(seed));
        Map<String, Integer> placed = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            if (placer.place(new PlacementRequest("c" + i, "", new PlacementTarget.Anywhere(), "", "new"))
                    instanceof Decision.Placed p) {
                placed.merge(p.member(), 1, Integer::sum);
            }
        }
        List<Integer> counts =
                CandidateFilter.candidates(
                                view, new PlacementRequest("x", "", new PlacementTarget.Anywhere(), "", "new"))
                        .stream()
                        .map(m -> placed.getOrDefault(m.name(), 0))
                        .toList();
        if (!counts.isEmpty()) {
            assertThat(counts.stream().mapToInt(Integer::intValue).max().orElseThrow()
                            - counts.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .isLessThanOrEqualTo(1);
        }
    }

    @Property
    void manualMembersNeverGetAutomaticOrGroupPlacementsAndGroupMembersOnlyGroupOnes(
            @ForAll("clusters") List<Spec> specs, @ForAll("targets") PlacementTarget target, @ForAll long seed) {
        ClusterView view = viewOf(specs);
        Placer placer = new Placer(view, new SplittableRandom(seed));
        for (int i = 0; i < 20; i++) {
            if (placer.place(new PlacementRequest("c" + i, "", target, "", "new")) instanceof Decision.Placed p) {
                MemberFacts chosen = view.member(p.member()).orElseThrow();
                assertThat(chosen.schedulerInstance()).isNotEqualTo("manual");
                if (chosen.schedulerInstance().equals("group")) {
                    assertThat(target).isInstanceOf(PlacementTarget.Group.class);
                }
            }
        }
    }

    @Property
    void aDirectTargetIsHonouredEvenOnAManualMemberButNeverOnAnEvacuatedOne(@ForAll("clusters") List<Spec> specs) {
        ClusterView view = viewOf(specs);
        Placer placer = new Placer(view, new SplittableRandom(1));
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            Decision decision =
                    placer.place(new PlacementRequest("c" + i, "", new PlacementTarget.Member("m" + i), "", "new"));
            if (spec.evacuated()) {
                assertThat(decision).isEqualTo(new Decision.Rejected(403, "Cluster member is evacuated"));
            } else if (spec.online()) {
                assertThat(decision).isEqualTo(new Decision.Placed("m" + i));
            }
        }
    }

    static ClusterView viewOf(List<Spec> specs) {
        ClusterView view = new ClusterView();
        IntStream.range(0, specs.size()).forEach(i -> {
            Spec spec = specs.get(i);
            String name = "m" + i;
            List<String> groups = new ArrayList<>(List.of("default"));
            if (spec.inGpu()) {
                groups.add("gpu");
            }
            view.memberJoined(name, spec.architecture(), groups);
            view.memberUpdated(name, Map.of("scheduler.instance", spec.schedulerInstance()), groups);
            view.memberOnline(name, spec.online());
            view.memberEvacuated(name, spec.evacuated());
        });
        view.groupChanged(
                "gpu",
                IntStream.range(0, specs.size())
                        .filter(i -> specs.get(i).inGpu())
                        .mapToObj(i -> "m" + i)
                        .toList());
        return view;
    }
}
