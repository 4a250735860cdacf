package dev.muster.scheduler.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.scheduler.instances.AgentAnswer.Command;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever clients and members do — creations, moves, evacuations, restores, healings, deletes, and members carrying the
 * steps of moves out, failing them or unable to — every instance lives on one member at most, the placement view counts
 * exactly the instances each member holds, and a moving instance counts on its target only, never on the source that
 * keeps its copy until the move is over.
 */
class SchedulingProperties {

    private static final List<String> MEMBERS = List.of("m1", "m2", "m3", "m4");
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
    private static final int MAX_STEPS = 40;

    sealed interface Step {
        record Create(String name, boolean start) implements Step {}

        record Move(String name, String member) implements Step {}

        record Evacuate(String member, String mode) implements Step {}

        record Restore(String member) implements Step {}

        record Heal(String member) implements Step {}

        record Delete(String name) implements Step {}

        record Stop(String name) implements Step {}

        /** The member a move of {@code name} waits for answers, as {@code outcome} says. */
        record Answer(String name, AgentAnswer.Outcome outcome) implements Step {}
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> names = Arbitraries.of(NAMES);
        Arbitrary<String> members = Arbitraries.of(MEMBERS);
        Arbitrary<Step> step = Arbitraries.oneOf(
                Combinators.combine(names, Arbitraries.of(true, false)).as(Step.Create::new),
                Combinators.combine(names, members).as(Step.Move::new),
                Combinators.combine(members, Arbitraries.of("", "stop", "migrate"))
                        .as(Step.Evacuate::new),
                members.map(Step.Restore::new),
                members.map(Step.Heal::new),
                names.map(Step.Delete::new),
                names.map(Step.Stop::new),
                Combinators.combine(names, Arbitraries.of(AgentAnswer.Outcome.class))
                        .as(Step.Answer::new),
                Combinators.combine(names, Arbitraries.just(AgentAnswer.Outcome.DONE))
                        .as(Step.Answer::new));
        return step.list().ofMaxSize(MAX_STEPS);
    }

    @Property
    void noInstanceIsOnTwoMembersAndTheViewCountsWhereInstancesAre(@ForAll("steps") List<Step> steps) {
        Given given = new Given().members(MEMBERS.toArray(String[]::new));
        for (Step step : steps) {
            try {
                run(given, step);
            } catch (InstanceRejection refused) {
                // a refused command changes nothing
            }
            Set<String> seen = new HashSet<>();
            for (String member : MEMBERS) {
                for (Instance instance : given.on(member)) {
                    assertThat(seen.add(instance.name()))
                            .as("%s on a second member, %s", instance.name(), member)
                            .isTrue();
                }
                assertThat(given.view.instanceCount(member))
                        .as("count of %s after %s", member, step)
                        .isEqualTo(given.locations().getOrDefault(member, 0L));
            }
            assertThat(given.all()).allSatisfy(instance -> {
                assertThat(instance.placed()).isTrue();
                if (instance.moving()) {
                    assertThat(instance.move().from()).isNotEqualTo(instance.location());
                }
            });
        }
    }

    private static void run(Given given, Step step) {
        switch (step) {
            case Step.Create create -> {
                given.created(create.name(), new PlacementTarget.Anywhere(), create.start());
                given.find(create.name())
                        .filter(Instance::placed)
                        .ifPresent(i -> given.answered(i.name(), i.location(), Command.CREATE, true, ""));
            }
            case Step.Move move -> {
                Placement request = given.moveAccepted(move.name(), new PlacementTarget.Member(move.member()));
                given.apply(given.instances().place(request, given.find(move.name())));
            }
            case Step.Answer answer ->
                given.find(answer.name())
                        .map(i -> given.awaitedAnswer(i.name(), answer.outcome(), "no"))
                        .ifPresent(next -> given.apply(given.instances().answer(next, given.find(answer.name()))));
            case Step.Evacuate evacuate -> {
                given.evacuated(evacuate.member());
                given.apply(given.evacuations()
                        .evacuate(evacuate.member(), evacuate.mode(), "op", given.on(evacuate.member())));
            }
            case Step.Restore restore -> {
                given.view.memberEvacuated(restore.member(), false);
                given.view.memberOnline(restore.member(), true);
                given.apply(given.evacuations()
                        .restore(
                                restore.member(),
                                "",
                                "op",
                                given.on(restore.member()),
                                given.evacuatedFrom(restore.member())));
            }
            case Step.Heal heal -> {
                given.offline(heal.member()).evacuated(heal.member());
                given.apply(given.evacuations()
                        .heal(heal.member(), given.on(heal.member()), given.movingFrom(heal.member())));
            }
            case Step.Delete delete -> given.apply(given.instances().delete(given.find(delete.name())));
            case Step.Stop stop ->
                given.find(stop.name())
                        .filter(Instance::placed)
                        .ifPresent(i -> given.answered(i.name(), i.location(), Command.STOP, true, ""));
        }
    }
}
