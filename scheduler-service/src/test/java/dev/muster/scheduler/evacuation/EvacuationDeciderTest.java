package dev.muster.scheduler.evacuation;

import static dev.muster.scheduler.instances.Given.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.scheduler.instances.AgentAnswer.Command;
import dev.muster.scheduler.instances.Given;
import dev.muster.scheduler.instances.Instance;
import dev.muster.scheduler.instances.Instance.Move.Stage;
import dev.muster.scheduler.instances.InstanceEvent;
import dev.muster.scheduler.instances.InstanceEvent.EvacuationFinished;
import dev.muster.scheduler.instances.InstanceEvent.MemberHealed;
import dev.muster.scheduler.instances.InstanceEvent.MoveAdvanced;
import dev.muster.scheduler.instances.InstanceEvent.MoveFailed;
import dev.muster.scheduler.instances.InstanceEvent.MoveFinished;
import dev.muster.scheduler.instances.InstanceEvent.Moved;
import dev.muster.scheduler.instances.InstanceEvent.OperationFinished;
import dev.muster.scheduler.instances.InstanceEvent.OriginForgotten;
import dev.muster.scheduler.instances.InstanceEvent.OriginRemembered;
import dev.muster.scheduler.instances.InstanceEvent.RestoreFinished;
import dev.muster.scheduler.instances.InstanceEvent.StartAsked;
import dev.muster.scheduler.instances.InstanceEvent.StatusChanged;
import dev.muster.scheduler.instances.InstanceEvent.StoppedInPlace;
import dev.muster.scheduler.instances.Reason;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evacuation, healing and restore: given a cluster and its instances, when a member's state changes, then events. */
class EvacuationDeciderTest {

    private static List<InstanceEvent> evacuate(Given given, String member, String mode) {
        given.evacuated(member);
        return given.apply(given.evacuations().evacuate(member, mode, "op-e", given.on(member)));
    }

    private static List<InstanceEvent> restore(Given given, String member, String mode) {
        given.view.memberEvacuated(member, false);
        return given.apply(
                given.evacuations().restore(member, mode, "op-r", given.on(member), given.evacuatedFrom(member)));
    }

    @Test
    void runningInstancesMoveAndStartOnTheirNewMemberStoppedOnesMoveStopped() {
        Given given = new Given().members("m1", "m2").running("a", "m1").stopped("b", "m1");

        assertThat(evacuate(given, "m1", ""))
                .containsExactly(
                        new OriginRemembered(PROJECT, "a", "m1"),
                        new Moved(
                                PROJECT, "a", "m1", "m2", Reason.EVACUATION, "container", true, Stage.STOPPING, "t-1"),
                        new OriginRemembered(PROJECT, "b", "m1"),
                        new Moved(
                                PROJECT,
                                "b",
                                "m1",
                                "m2",
                                Reason.EVACUATION,
                                "container",
                                false,
                                Stage.EXPORTING,
                                "t-2"),
                        new EvacuationFinished("m1", "", "op-e", 2, List.of()));
        assertThat(given.view.instanceCount("m1")).isZero();
        assertThat(given.view.instanceCount("m2")).isEqualTo(2);
    }

    @Test
    void modeStopStopsRunningInstancesInPlaceToRestartThemOnRestore() {
        Given given = new Given().members("m1", "m2").running("a", "m1").stopped("b", "m1");

        assertThat(evacuate(given, "m1", "stop"))
                .containsExactly(
                        new StoppedInPlace(PROJECT, "a", "m1", Reason.EVACUATION),
                        new EvacuationFinished("m1", "stop", "op-e", 0, List.of("a", "b")));
        assertThat(given.instance("a").status()).isEqualTo(Instance.STOPPED);
        assertThat(given.instance("a").config()).containsEntry(Instance.LAST_POWER, Instance.POWERED);

        assertThat(restore(given, "m1", ""))
                .containsExactly(new StartAsked(PROJECT, "a", "m1"), new RestoreFinished("m1", "op-r", 0, 1));
        assertThat(given.instance("a").config()).doesNotContainKey(Instance.LAST_POWER);
    }

    @Test
    void anInstancesOwnClusterEvacuateStopKeepsItInPlace() {
        Given given = new Given()
                .members("m1", "m2")
                .instance("a", "m1", Instance.RUNNING, Map.of("cluster.evacuate", "stop"))
                .running("b", "m1");

        List<InstanceEvent> events = evacuate(given, "m1", "");

        assertThat(events).contains(new StoppedInPlace(PROJECT, "a", "m1", Reason.EVACUATION));
        assertThat(events.getLast()).isEqualTo(new EvacuationFinished("m1", "", "op-e", 1, List.of("a")));
    }

    @Test
    void aGroupPlacedInstanceStaysInItsGroupAndStopsInPlaceWhenTheGroupHasNoOtherMember() {
        Given given = new Given()
                .members("m1", "m2", "m3")
                .group("gpu", "m1", "m3")
                .instance("a", "m1", Instance.RUNNING, Map.of(Instance.GROUP, "gpu"))
                .instance("b", "m3", Instance.RUNNING, Map.of(Instance.GROUP, "gpu"));

        assertThat(evacuate(given, "m1", ""))
                .contains(new Moved(
                        PROJECT, "a", "m1", "m3", Reason.EVACUATION, "container", true, Stage.STOPPING, "t-1"));
        given.movesCompleted();
        assertThat(evacuate(given, "m3", ""))
                .containsExactly(
                        new StoppedInPlace(PROJECT, "a", "m3", Reason.EVACUATION),
                        new StoppedInPlace(PROJECT, "b", "m3", Reason.EVACUATION),
                        new EvacuationFinished("m3", "", "op-e", 0, List.of("a", "b")));
    }

    @Test
    void restoreBringsEvacuatedInstancesBackToTheirOriginAndStartsThoseThatRan() {
        Given given = new Given().members("m1", "m2").running("a", "m1").stopped("b", "m1");
        evacuate(given, "m1", "");
        given.movesCompleted();

        assertThat(restore(given, "m1", ""))
                .containsExactly(
                        new Moved(PROJECT, "a", "m2", "m1", Reason.RESTORE, "container", true, Stage.STOPPING, "t-3"),
                        new OriginForgotten(PROJECT, "a"),
                        new Moved(PROJECT, "b", "m2", "m1", Reason.RESTORE, "container", false, Stage.EXPORTING, "t-4"),
                        new OriginForgotten(PROJECT, "b"),
                        new RestoreFinished("m1", "op-r", 2, 0));
        assertThat(given.on("m1")).extracting(Instance::name).containsExactly("a", "b");
        assertThat(given.instance("a").config()).doesNotContainKey(Instance.ORIGIN);
        assertThat(given.view.instanceCount("m1")).isEqualTo(2);
        assertThat(given.view.instanceCount("m2")).isZero();
    }

    @Test
    void restoreInSkipModeLeavesEverythingWhereItIs() {
        Given given = new Given().members("m1", "m2").running("a", "m1");
        evacuate(given, "m1", "");

        assertThat(restore(given, "m1", "skip")).containsExactly(new RestoreFinished("m1", "op-r", 0, 0));
        assertThat(given.instance("a").location()).isEqualTo("m2");
    }

    @Test
    void healingMovesADeadMembersInstancesAsHealing() {
        Given given = new Given().members("m1", "m2").running("a", "m1").offline("m1");

        List<InstanceEvent> events =
                given.apply(given.evacuations().heal("m1", given.on("m1"), given.movingFrom("m1")));

        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 2))
                .containsExactly(
                        new OriginRemembered(PROJECT, "a", "m1"),
                        new Moved(
                                PROJECT, "a", "m1", "m2", Reason.HEALING, "container", true, Stage.RECREATING, "t-1"));
        assertThat(events.get(2)).isInstanceOfSatisfying(MoveAdvanced.class, advanced -> {
            assertThat(advanced.stage()).isEqualTo(Stage.RECREATING);
            assertThat(advanced.instance().location()).isEqualTo("m2");
        });
        assertThat(events.getLast()).isEqualTo(new MemberHealed("m1", 1, List.of()));
        assertThat(Reason.HEALING.sourceAnswers()).isFalse();
        assertThat(given.answered("a", "m2", Command.CREATE, true, ""))
                .containsExactly(
                        new StatusChanged(PROJECT, "a", "m2", Instance.RUNNING),
                        new MoveFinished(PROJECT, "a", "m1", Reason.HEALING, "t-1"));
    }

    @Test
    void anInstanceStillMovingOntoAnEvacuatedMemberGoesBackToItsSourceWhichStillHoldsIt() {
        Given given = new Given().members("m1", "m2", "m3").running("a", "m1");
        given.apply(
                given.instances().place(given.moveAccepted("a", new PlacementTarget.Member("m2")), given.find("a")));
        given.answered("a", "m1", Command.STOP, true, "");

        assertThat(evacuate(given, "m2", ""))
                .containsExactly(
                        new MoveFailed(
                                PROJECT,
                                "a",
                                "m1",
                                "m2",
                                Reason.RELOCATION,
                                "t-1",
                                "Target cluster member m2 was evacuated",
                                true),
                        new StartAsked(PROJECT, "a", "m1"),
                        new OperationFinished(PROJECT, "a", "op-1", "Target cluster member m2 was evacuated"),
                        new EvacuationFinished("m2", "", "op-e", 1, List.of()));
        assertThat(given.instance("a").location()).isEqualTo("m1");
        assertThat(given.view.instanceCount("m1")).isEqualTo(1);
        assertThat(given.view.instanceCount("m2")).isZero();
    }

    @Test
    void restoringAMemberAnInstanceIsStillMovingOffCallsTheMoveOff() {
        Given given = new Given().members("m1", "m2").stopped("a", "m1");
        evacuate(given, "m1", "");

        List<InstanceEvent> events = restore(given, "m1", "");

        assertThat(events)
                .containsExactly(
                        new MoveFailed(
                                PROJECT,
                                "a",
                                "m1",
                                "m2",
                                Reason.EVACUATION,
                                "t-1",
                                "Cluster member m1 was restored",
                                true),
                        new OriginForgotten(PROJECT, "a"),
                        new RestoreFinished("m1", "op-r", 1, 0));
        assertThat(given.instance("a").location()).isEqualTo("m1");
        assertThat(given.instance("a").moving()).isFalse();
    }

    @Test
    void healingWithNowhereToGoStopsInPlaceWithoutAskingTheDeadMember() {
        Given given = new Given().members("m1").running("a", "m1").offline("m1");

        assertThat(given.apply(given.evacuations().heal("m1", given.on("m1"), given.movingFrom("m1"))))
                .containsExactly(
                        new StoppedInPlace(PROJECT, "a", "m1", Reason.HEALING),
                        new MemberHealed("m1", 0, List.of("a")));
    }

    @Test
    void anInstanceADeadMemberHadNotExportedYetIsCreatedAnewOnItsTarget() {
        Given given = new Given().members("m1", "m2").stopped("a", "m1");
        given.apply(
                given.instances().place(given.moveAccepted("a", new PlacementTarget.Member("m2")), given.find("a")));
        Instance exporting = given.instance("a");
        given.offline("m1");

        assertThat(given.apply(given.evacuations().heal("m1", given.on("m1"), given.movingFrom("m1"))))
                .containsExactly(new MoveAdvanced(exporting, Stage.RECREATING), new MemberHealed("m1", 0, List.of()));
        assertThat(given.answered("a", "m2", Command.CREATE, true, ""))
                .containsExactly(
                        new MoveFinished(PROJECT, "a", "m1", Reason.RELOCATION, "t-1"),
                        OperationFinished.succeeded(PROJECT, "a", "op-1"));
    }
}
