package dev.muster.scheduler.instances;

import static dev.muster.scheduler.instances.Given.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.scheduler.instances.AgentAnswer.Command;
import dev.muster.scheduler.instances.AgentAnswer.Outcome;
import dev.muster.scheduler.instances.Instance.Move.Stage;
import dev.muster.scheduler.instances.InstanceEvent.Confirmed;
import dev.muster.scheduler.instances.InstanceEvent.Deleted;
import dev.muster.scheduler.instances.InstanceEvent.MoveAdvanced;
import dev.muster.scheduler.instances.InstanceEvent.MoveFailed;
import dev.muster.scheduler.instances.InstanceEvent.MoveFinished;
import dev.muster.scheduler.instances.InstanceEvent.MoveRequested;
import dev.muster.scheduler.instances.InstanceEvent.Moved;
import dev.muster.scheduler.instances.InstanceEvent.OperationFinished;
import dev.muster.scheduler.instances.InstanceEvent.Placed;
import dev.muster.scheduler.instances.InstanceEvent.PlacementRejected;
import dev.muster.scheduler.instances.InstanceEvent.StartAsked;
import dev.muster.scheduler.instances.InstanceEvent.StateChangeAsked;
import dev.muster.scheduler.instances.InstanceEvent.StatusChanged;
import dev.muster.scheduler.instances.InstanceEvent.StrayInstanceReported;
import dev.muster.scheduler.instances.InstanceEvent.WentMissing;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The scheduler's rules for one instance: given a cluster and its instances, when a command, then events or a rejection. */
class InstanceDeciderTest {

    private static final PlacementTarget ANYWHERE = new PlacementTarget.Anywhere();
    private static final String ALPINE = "a1b2c3" + "0".repeat(58);

    private static PlacementTarget member(String name) {
        return new PlacementTarget.Member(name);
    }

    private static PlacementTarget group(String name) {
        return new PlacementTarget.Group(name);
    }

    private static void assertRejected(ThrowingCallable command, InstanceRejection.Kind kind, String message) {
        assertThatThrownBy(command).isInstanceOfSatisfying(InstanceRejection.class, rejection -> {
            assertThat(rejection.kind()).isEqualTo(kind);
            assertThat(rejection.getMessage()).isEqualTo(message);
        });
    }

    @Nested
    class Creation {

        @Test
        void aNewInstanceGoesToTheMemberWithFewestInstancesAndItsOperationCompletesAtOnce() {
            Given given =
                    new Given().members("m1", "m2", "m3").running("a", "m1").running("b", "m2");

            List<InstanceEvent> events = given.created("c", ANYWHERE, false);

            assertThat(events)
                    .containsExactly(
                            new Placed(
                                    PROJECT,
                                    "c",
                                    "m3",
                                    Reason.NEW,
                                    "container",
                                    false,
                                    "",
                                    false,
                                    "",
                                    Map.of(),
                                    Map.of()),
                            OperationFinished.succeeded(PROJECT, "c", "op-1"));
            assertThat(given.instance("c").location()).isEqualTo("m3");
            assertThat(given.instance("c").operationId()).isNull();
            assertThat(given.view.instanceCount("m3")).isEqualTo(1);
        }

        @Test
        void anInstanceToStartWaitsForItsMemberWhichStartsIt() {
            Given given = new Given().members("m1");

            assertThat(given.created("c", ANYWHERE, true))
                    .containsExactly(new Placed(
                            PROJECT, "c", "m1", Reason.NEW, "container", true, "", false, "", Map.of(), Map.of()));
            assertThat(given.answered("c", "m1", Command.CREATE, true, ""))
                    .containsExactly(
                            new Confirmed(PROJECT, "c", "m1"),
                            new StatusChanged(PROJECT, "c", "m1", Instance.RUNNING),
                            OperationFinished.succeeded(PROJECT, "c", "op-1"));
        }

        @Test
        void aTargetMemberIsTakenEvenWhenBusier() {
            Given given = new Given().members("m1", "m2").running("a", "m2");

            assertThat(given.created("c", member("m2"), false).getFirst())
                    .isInstanceOfSatisfying(
                            Placed.class, placed -> assertThat(placed.member()).isEqualTo("m2"));
        }

        @Test
        void aTargetGroupPlacesAmongItsMembersAndIsKeptForEvacuations() {
            Given given =
                    new Given().members("m1", "m2", "m3").group("gpu", "m3").running("a", "m3");

            assertThat(given.created("c", group("gpu"), false).getFirst())
                    .isEqualTo(new Placed(
                            PROJECT, "c", "m3", Reason.NEW, "container", false, "", false, "gpu", Map.of(), Map.of()));
            assertThat(given.instance("c").config()).containsEntry(Instance.GROUP, "gpu");
        }

        @Test
        void anImageIsCopiedToTheMemberOnceForABurstOfCreationsAndTheOperationWaitsForTheMember() {
            Given given = new Given().members("m1").image(ALPINE, "alpine");

            List<InstanceEvent> first = given.created(given.fromImage("c1", "alpine", false));
            List<InstanceEvent> second = given.created(given.fromImage("c2", "alpine", false));

            assertThat(first)
                    .containsExactly(new Placed(
                            PROJECT, "c1", "m1", Reason.NEW, "container", false, ALPINE, true, "", Map.of(), Map.of()));
            assertThat(second)
                    .containsExactly(new Placed(
                            PROJECT,
                            "c2",
                            "m1",
                            Reason.NEW,
                            "container",
                            false,
                            ALPINE,
                            false,
                            "",
                            Map.of(),
                            Map.of()));
            assertThat(given.instance("c1").config()).containsEntry(Instance.BASE_IMAGE, ALPINE);
            assertThat(given.instance("c1").architecture()).isEqualTo("x86_64");
            assertThat(given.answered("c1", "m1", Command.CREATE, true, ""))
                    .containsExactly(
                            new Confirmed(PROJECT, "c1", "m1"), OperationFinished.succeeded(PROJECT, "c1", "op-1"));
        }

        @Test
        void thePlacementCarriesTheInstancesOwnConfigWithoutVolatileKeysAndItsDevices() {
            Given given = new Given().members("m1").image(ALPINE, "alpine");
            Map<String, Map<String, String>> devices = Map.of("root", Map.of("type", "disk", "path", "/"));
            dev.muster.scheduler.instances.Creation limited = new dev.muster.scheduler.instances.Creation(
                    PROJECT,
                    "c",
                    "container",
                    "",
                    "",
                    Map.of("limits.cpu", "2", "limits.memory", "256MiB"),
                    devices,
                    List.of("default"),
                    false,
                    ANYWHERE,
                    null);

            assertThat(given.created(
                            limited.from(given.images.withAlias("alpine").orElseThrow())))
                    .containsExactly(new Placed(
                            PROJECT,
                            "c",
                            "m1",
                            Reason.NEW,
                            "container",
                            false,
                            ALPINE,
                            true,
                            "",
                            Map.of("limits.cpu", "2", "limits.memory", "256MiB"),
                            devices));
            assertThat(given.instance("c").config()).containsEntry(Instance.BASE_IMAGE, ALPINE);
        }

        @Test
        void aRequestDecidedTwiceYieldsEventsOnce() {
            Given given = new Given().members("m1", "m2");
            Placement request = given.accepted(Given.creation("c", ANYWHERE, true));

            List<InstanceEvent> first = given.apply(given.instances().place(request, given.find("c")));
            List<InstanceEvent> again = given.apply(given.instances().place(request, given.find("c")));

            assertThat(first).hasSize(1);
            assertThat(again).isEmpty();
            assertThat(given.view.instanceCount("m1") + given.view.instanceCount("m2"))
                    .isEqualTo(1);
        }

        @Test
        void aRequestForAnInstanceDeletedSinceDecidesNothing() {
            Given given = new Given().members("m1");
            Placement request = given.accepted(Given.creation("c", ANYWHERE, false));

            assertThat(given.instances().place(request, Optional.empty())).isEmpty();
        }

        @Test
        void whenNoMemberCanTakeItTheCreationFailsAndTheNameIsFreeAgain() {
            Given given = new Given().members("m1").offline("m1");

            List<InstanceEvent> events = given.created("c", ANYWHERE, false);

            String message = "No suitable cluster member could be found";
            assertThat(events)
                    .containsExactly(
                            new OperationFinished(PROJECT, "c", "op-1", message),
                            new PlacementRejected(PROJECT, "c", Reason.NEW, message));
            assertThat(given.find("c")).isEmpty();
            assertThat(given.view.instanceCount("m1")).isZero();
        }

        @Test
        void aTakenNameIsAConflict() {
            Given given = new Given().members("m1").stopped("c", "m1");

            assertRejected(
                    () -> given.accepted(Given.creation("c", ANYWHERE, false)),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"c\" already exists");
        }

        @Test
        void anUnknownOrEvacuatedMemberOrAnUnknownGroupIsRefusedBeforeTheRequest() {
            Given given = new Given().members("m1", "m2").evacuated("m2");

            assertRejected(
                    () -> given.accepted(Given.creation("c", member("m9"), false)),
                    InstanceRejection.Kind.NOT_FOUND,
                    "Cluster member \"m9\" not found");
            assertRejected(
                    () -> given.accepted(Given.creation("c", member("m2"), false)),
                    InstanceRejection.Kind.FORBIDDEN,
                    "Cluster member is evacuated");
            assertRejected(
                    () -> given.accepted(Given.creation("c", group("gpu"), false)),
                    InstanceRejection.Kind.INVALID,
                    "Cluster group \"gpu\" does not exist");
        }
    }

    @Nested
    class Moves {

        @Test
        void aRunningInstanceIsStoppedExportedImportedAndStartedOnItsTargetThenItsSourceCopyGoes() {
            Given given = new Given().members("m1", "m2").running("a", "m1");

            Placement request = given.moveAccepted("a", member("m2"));
            List<InstanceEvent> events = given.apply(given.instances().place(request, given.find("a")));

            assertThat(events)
                    .containsExactly(new Moved(
                            PROJECT, "a", "m1", "m2", Reason.RELOCATION, "container", true, Stage.STOPPING, "t-1"));
            assertThat(given.instance("a").location()).isEqualTo("m2");
            assertThat(given.instance("a").status()).isEqualTo(Instance.RUNNING);
            assertThat(given.view.instanceCount("m1")).isZero();
            assertThat(given.view.instanceCount("m2")).isEqualTo(1);

            Instance stopping = movingAt(given, "a", Stage.STOPPING);
            assertThat(given.answered("a", "m1", Command.STOP, true, ""))
                    .containsExactly(
                            new StatusChanged(PROJECT, "a", "m1", Instance.STOPPED),
                            new MoveAdvanced(stopping, Stage.EXPORTING));
            Instance exporting = movingAt(given, "a", Stage.EXPORTING);
            assertThat(given.answered("a", "m1", Command.EXPORT, true, ""))
                    .containsExactly(new MoveAdvanced(exporting, Stage.IMPORTING));
            assertThat(given.instance("a").operationId()).isEqualTo("op-1");
            assertThat(given.answered("a", "m2", Command.IMPORT, true, ""))
                    .containsExactly(
                            new StatusChanged(PROJECT, "a", "m2", Instance.RUNNING),
                            new MoveFinished(PROJECT, "a", "m1", Reason.RELOCATION, "t-1"),
                            OperationFinished.succeeded(PROJECT, "a", "op-1"));
            assertThat(given.instance("a").moving()).isFalse();
            assertThat(given.instance("a").location()).isEqualTo("m2");
        }

        /** The instance as it is, with the move at {@code stage}: what a {@code MoveAdvanced} carries. */
        private static Instance movingAt(Given given, String name, Stage stage) {
            Instance now = given.instance(name);
            assertThat(now.move().stage()).isEqualTo(stage);
            return now;
        }

        @Test
        void aStoppedInstanceMovesIntoAGroupWithoutStoppingAndItsOperationWaitsForTheImport() {
            Given given =
                    new Given().members("m1", "m2", "m3").group("gpu", "m3").stopped("a", "m1");

            Placement request = given.moveAccepted("a", group("gpu"));

            assertThat(given.apply(given.instances().place(request, given.find("a"))))
                    .containsExactly(new Moved(
                            PROJECT, "a", "m1", "m3", Reason.RELOCATION, "container", false, Stage.EXPORTING, "t-1"));
            given.answered("a", "m1", Command.EXPORT, true, "");
            assertThat(given.answered("a", "m3", Command.IMPORT, true, ""))
                    .containsExactly(
                            new MoveFinished(PROJECT, "a", "m1", Reason.RELOCATION, "t-1"),
                            OperationFinished.succeeded(PROJECT, "a", "op-1"));
        }

        @Test
        void aFailedExportLeavesTheInstanceOnItsSourceStartedAgainAndFailsTheOperationWithTheMembersReason() {
            Given given = new Given().members("m1", "m2").running("a", "m1");
            given.apply(given.instances().place(given.moveAccepted("a", member("m2")), given.find("a")));
            given.answered("a", "m1", Command.STOP, true, "");

            assertThat(given.answered("a", "m1", Command.EXPORT, false, "disk full"))
                    .containsExactly(
                            new MoveFailed(PROJECT, "a", "m1", "m2", Reason.RELOCATION, "t-1", "disk full", false),
                            new StartAsked(PROJECT, "a", "m1"),
                            new OperationFinished(PROJECT, "a", "op-1", "disk full"));
            assertThat(given.instance("a").location()).isEqualTo("m1");
            assertThat(given.instance("a").moving()).isFalse();
            assertThat(given.view.instanceCount("m1")).isEqualTo(1);
            assertThat(given.view.instanceCount("m2")).isZero();
            assertThat(given.answered("a", "m1", Command.START, true, ""))
                    .containsExactly(new StatusChanged(PROJECT, "a", "m1", Instance.RUNNING));
        }

        @Test
        void aFailedImportLeavesTheInstanceOnItsSourceWhichKeptItsCopy() {
            Given given = new Given().members("m1", "m2").stopped("a", "m1");
            given.apply(given.instances().place(given.moveAccepted("a", member("m2")), given.find("a")));
            given.answered("a", "m1", Command.EXPORT, true, "");

            assertThat(given.answered("a", "m2", Command.IMPORT, false, "bad tarball"))
                    .containsExactly(
                            new MoveFailed(PROJECT, "a", "m1", "m2", Reason.RELOCATION, "t-1", "bad tarball", false),
                            new OperationFinished(PROJECT, "a", "op-1", "bad tarball"));
            assertThat(given.instance("a").location()).isEqualTo("m1");
            assertThat(given.instance("a").status()).isEqualTo(Instance.STOPPED);
        }

        @Test
        void aSourceThatCannotExportMakesTheTargetCreateTheInstanceAnewAndItsCopyGoesOnlyAfter() {
            Given given = new Given().members("m1", "m2").stopped("a", "m1");
            given.apply(given.instances().place(given.moveAccepted("a", member("m2")), given.find("a")));

            Instance exporting = given.instance("a");
            assertThat(given.answered("a", "m1", Command.EXPORT, Outcome.UNSUPPORTED, "cannot export"))
                    .containsExactly(new MoveAdvanced(exporting, Stage.RECREATING));
            assertThat(given.instance("a").move().stage()).isEqualTo(Stage.RECREATING);
            assertThat(given.answered("a", "m2", Command.CREATE, true, ""))
                    .containsExactly(
                            new MoveFinished(PROJECT, "a", "m1", Reason.RELOCATION, "t-1"),
                            OperationFinished.succeeded(PROJECT, "a", "op-1"));
        }

        @Test
        void answersAMoveDoesNotWaitForAreOldNews() {
            Given given = new Given().members("m1", "m2").running("a", "m1");
            given.apply(given.instances().place(given.moveAccepted("a", member("m2")), given.find("a")));

            assertThat(given.answered("a", "m2", Command.STOP, true, "")).isEmpty();
            assertThat(given.answered("a", "m1", Command.EXPORT, true, "")).isEmpty();
            assertThat(given.answered("a", "m1", Command.START, false, "boom")).isEmpty();
            assertThat(given.instance("a").move().stage()).isEqualTo(Stage.STOPPING);
        }

        @Test
        void aMovingInstanceIsBusyAndCannotBeDeleted() {
            Given given = new Given().members("m1", "m2", "m3").stopped("a", "m1");
            given.apply(given.instances().place(given.moveAccepted("a", member("m2")), given.find("a")));

            assertRejected(
                    () -> given.moveAccepted("a", member("m3")),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"a\" is busy with another operation");
            assertRejected(
                    () -> given.instances().delete(given.find("a")),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"a\" is busy with another operation");
        }

        @Test
        void aRunningContainerCannotMoveLive() {
            Given given = new Given().members("m1", "m2").running("a", "m1");

            assertRejected(
                    () -> given.instances().move(given.find("a"), member("m2"), true, "op-1"),
                    InstanceRejection.Kind.INVALID,
                    "Unable to perform live container migration. CRIU isn't installed. To migrate the container, stop"
                            + " the container before migration or install CRIU");
        }

        @Test
        void theMoveRequestCarriesTheInstanceAsItIs() {
            Given given = new Given().members("m1", "m2").running("a", "m1");

            assertThat(given.instances().move(given.find("a"), member("m2"), false, "op-7"))
                    .containsExactly(new MoveRequested(given.instance("a"), member("m2"), "op-7"));
        }

        @Test
        void aBusyInstanceCannotMove() {
            Given given = new Given().members("m1", "m2").running("a", "m1");
            given.moveAccepted("a", member("m2"));
            given.accepted(Given.creation("new", ANYWHERE, false));

            assertRejected(
                    () -> given.moveAccepted("a", member("m2")),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"a\" is busy with another operation");
            assertRejected(
                    () -> given.moveAccepted("new", member("m2")),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"new\" is busy with another operation");
        }

        @Test
        void theSameMemberAnOfflineOneOrAMissingInstanceAreRefused() {
            Given given = new Given().members("m1", "m2", "m3").offline("m3").running("a", "m1");

            assertRejected(
                    () -> given.moveAccepted("a", member("m1")),
                    InstanceRejection.Kind.INVALID,
                    "Target must be different than instance's current location");
            assertRejected(
                    () -> given.moveAccepted("a", member("m3")),
                    InstanceRejection.Kind.INVALID,
                    "Target cluster member is offline");
            assertRejected(
                    () -> given.moveAccepted("ghost", member("m2")),
                    InstanceRejection.Kind.NOT_FOUND,
                    "Instance not found");
        }

        @Test
        void aMoveNoMemberCanTakeFailsAndTheInstanceStays() {
            Given given = new Given().members("m1", "m2").group("solo", "m1").stopped("a", "m1");
            Placement request = given.moveAccepted("a", group("solo"));

            List<InstanceEvent> events = given.apply(given.instances().place(request, given.find("a")));

            assertThat(events.getLast())
                    .isInstanceOfSatisfying(
                            PlacementRejected.class,
                            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.RELOCATION));
            assertThat(given.instance("a").location()).isEqualTo("m1");
            assertThat(given.instance("a").operationId()).isNull();
        }
    }

    @Nested
    class Deletes {

        @Test
        void aStoppedInstanceIsDeletedAndUncounted() {
            Given given = new Given().members("m1").stopped("a", "m1");

            assertThat(given.apply(given.instances().delete(given.find("a"))))
                    .containsExactly(new Deleted(PROJECT, "a", "m1"));
            assertThat(given.find("a")).isEmpty();
            assertThat(given.view.instanceCount("m1")).isZero();
        }

        @Test
        void aRunningOrUnplacedOrMissingInstanceIsNotDeleted() {
            Given given = new Given().members("m1").running("a", "m1");
            given.accepted(Given.creation("new", ANYWHERE, false));

            assertRejected(
                    () -> given.instances().delete(given.find("a")),
                    InstanceRejection.Kind.INVALID,
                    "Instance is running");
            assertRejected(
                    () -> given.instances().delete(given.find("new")),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"new\" is busy with another operation");
            assertRejected(
                    () -> given.instances().delete(given.find("ghost")),
                    InstanceRejection.Kind.NOT_FOUND,
                    "Instance not found");
            assertThat(given.view.instanceCount("m1")).isEqualTo(1);
        }
    }

    @Nested
    class Answers {

        @Test
        void theStatusFollowsStartsStopsAndFailures() {
            Given given = new Given().members("m1").stopped("a", "m1");

            assertThat(given.answered("a", "m1", Command.START, true, ""))
                    .containsExactly(new StatusChanged(PROJECT, "a", "m1", Instance.RUNNING));
            assertThat(given.answered("a", "m1", Command.STOP, true, ""))
                    .containsExactly(new StatusChanged(PROJECT, "a", "m1", Instance.STOPPED));
            assertThat(given.answered("a", "m1", Command.OTHER, true, "")).isEmpty();
            assertThat(given.answered("a", "m1", Command.OTHER, false, "boom"))
                    .containsExactly(new StatusChanged(PROJECT, "a", "m1", Instance.ERROR));
        }

        @Test
        void aFailedCreateFailsTheWaitingOperationNamingTheMemberAndLeavesNoInstanceBehind() {
            Given given = new Given().members("m1");
            given.created("c", ANYWHERE, true);

            assertThat(given.answered("c", "m1", Command.CREATE, false, "no space left"))
                    .containsExactly(
                            new OperationFinished(
                                    PROJECT,
                                    "c",
                                    "op-1",
                                    "Failed creating instance on cluster member \"m1\": no space left"),
                            new Deleted(PROJECT, "c", "m1"));
            assertThat(given.find("c")).isEmpty();
        }

        @Test
        void answersAboutInstancesDeletedOrMovedSinceAreOldNews() {
            Given given = new Given().members("m1", "m2").stopped("a", "m2");

            assertThat(given.answered("a", "m1", Command.START, true, "")).isEmpty();
            assertThat(given.answered("ghost", "m1", Command.CREATE, false, "gone"))
                    .isEmpty();
            assertThat(given.instance("a").status()).isEqualTo(Instance.STOPPED);
        }
    }

    @Nested
    class StateChanges {

        private List<InstanceEvent> change(Given given, String name, StateAction action) {
            return given.apply(given.instances()
                    .changeState(given.find(name), new StateChange(action, -1, false, false), given.nextOperation()));
        }

        @Test
        void aStartIsSentToTheMemberAndItsOperationCompletesWhenTheMemberSaysSo() {
            Given given = new Given().members("m1").stopped("a", "m1");

            assertThat(change(given, "a", StateAction.START))
                    .containsExactly(new StateChangeAsked(
                            PROJECT, "a", "m1", new StateChange(StateAction.START, -1, false, false), "op-1"));
            assertThat(given.instance("a").busy()).isTrue();
            assertThat(given.answered("a", "m1", Command.START, true, ""))
                    .containsExactly(
                            new StatusChanged(PROJECT, "a", "m1", Instance.RUNNING),
                            OperationFinished.succeeded(PROJECT, "a", "op-1"));
        }

        @Test
        void aFreezeMakesTheInstanceFrozenAndAnUnfreezeRunningAgain() {
            Given given = new Given().members("m1").running("a", "m1");

            change(given, "a", StateAction.FREEZE);
            assertThat(given.answered("a", "m1", Command.FREEZE, true, ""))
                    .startsWith(new StatusChanged(PROJECT, "a", "m1", Instance.FROZEN));
            change(given, "a", StateAction.UNFREEZE);
            assertThat(given.answered("a", "m1", Command.UNFREEZE, true, ""))
                    .startsWith(new StatusChanged(PROJECT, "a", "m1", Instance.RUNNING));
        }

        @Test
        void aForcedStopWithATimeoutIsAskedAsSuch() {
            Given given = new Given().members("m1").running("a", "m1");
            StateChange stop = new StateChange(StateAction.STOP, 30, true, false);

            assertThat(given.instances().changeState(given.find("a"), stop, "op-9"))
                    .containsExactly(new StateChangeAsked(PROJECT, "a", "m1", stop, "op-9"));
        }

        @Test
        void whatLxdRefusesOnceItsOperationRunsFailsTheOperationAtOnceWithLxdsMessage() {
            Given given = new Given()
                    .members("m1")
                    .running("up", "m1")
                    .stopped("down", "m1")
                    .instance("cold", "m1", Instance.FROZEN, Map.of());

            assertThat(change(given, "up", StateAction.START))
                    .containsExactly(new OperationFinished(PROJECT, "up", "op-1", "The instance is already running"));
            assertThat(change(given, "down", StateAction.STOP))
                    .containsExactly(new OperationFinished(PROJECT, "down", "op-2", "The instance is already stopped"));
            assertThat(change(given, "down", StateAction.RESTART))
                    .containsExactly(new OperationFinished(PROJECT, "down", "op-3", "The instance is already stopped"));
            assertThat(change(given, "down", StateAction.FREEZE))
                    .containsExactly(new OperationFinished(PROJECT, "down", "op-4", "The container isn't running"));
            assertThat(change(given, "cold", StateAction.FREEZE))
                    .containsExactly(new OperationFinished(PROJECT, "cold", "op-5", "The container is already frozen"));
            assertThat(change(given, "up", StateAction.UNFREEZE))
                    .containsExactly(new OperationFinished(PROJECT, "up", "op-6", "The container is already running"));
            assertThat(change(given, "cold", StateAction.START))
                    .containsExactly(new OperationFinished(PROJECT, "cold", "op-7", "The instance is already running"));
            assertThat(given.instance("up").busy()).isFalse();
        }

        @Test
        void statefulChangesUnknownActionsMissingAndBusyInstancesAreRefused() {
            Given given = new Given().members("m1").running("a", "m1");
            change(given, "a", StateAction.STOP);

            assertRejected(
                    () -> given.instances()
                            .changeState(given.find("a"), new StateChange(StateAction.STOP, -1, false, true), "op"),
                    InstanceRejection.Kind.INVALID,
                    "Stateful start and stop are not supported");
            assertRejected(() -> StateAction.parse("pause"), InstanceRejection.Kind.INVALID, "Unknown action: 'pause'");
            assertRejected(
                    () -> change(given, "ghost", StateAction.START),
                    InstanceRejection.Kind.NOT_FOUND,
                    "Instance not found");
            assertRejected(
                    () -> change(given, "a", StateAction.START),
                    InstanceRejection.Kind.CONFLICT,
                    "Instance \"a\" is busy with another operation");
        }

        @Test
        void aMemberThatCannotDoItFailsTheOperationAndChangesNothing() {
            Given given = new Given().members("m1").running("a", "m1");
            change(given, "a", StateAction.FREEZE);

            assertThat(given.answered("a", "m1", Command.FREEZE, Outcome.UNSUPPORTED, "cannot freeze"))
                    .containsExactly(new OperationFinished(PROJECT, "a", "op-1", "cannot freeze"));
            assertThat(given.instance("a").status()).isEqualTo(Instance.RUNNING);
        }

        @Test
        void aFrozenInstanceIsNotDeleted() {
            Given given = new Given().members("m1").instance("a", "m1", Instance.FROZEN, Map.of());

            assertRejected(
                    () -> given.instances().delete(given.find("a")),
                    InstanceRejection.Kind.INVALID,
                    "Instance is running");
        }
    }

    @Nested
    class Reconciliation {

        private List<InstanceEvent> inventory(Given given, String member, ReportedInstance... held) {
            return given.apply(
                    given.instances().reconcile(member, List.of(held), given.on(member), r -> given.find(r.name())));
        }

        @Test
        void anInstanceMissingOnItsMemberIsAnErrorThatSaysWhyAndRecoversWhenReportedAgain() {
            Given given = new Given().members("m1").running("a", "m1").stopped("b", "m1");

            assertThat(inventory(given, "m1", new ReportedInstance(PROJECT, "b", "Stopped")))
                    .containsExactly(new WentMissing(PROJECT, "a", "m1", "Instance is missing on member m1"));
            assertThat(given.instance("a").status()).isEqualTo(Instance.ERROR);
            assertThat(given.instance("a").statusMessage()).isEqualTo("Instance is missing on member m1");
            assertThat(inventory(given, "m1", new ReportedInstance(PROJECT, "b", "Stopped")))
                    .isEmpty();

            assertThat(inventory(
                            given,
                            "m1",
                            new ReportedInstance(PROJECT, "a", "Running"),
                            new ReportedInstance(PROJECT, "b", "Stopped")))
                    .containsExactly(new StatusChanged(PROJECT, "a", "m1", Instance.RUNNING));
            assertThat(given.instance("a").statusMessage()).isEmpty();
        }

        @Test
        void theStatusAMemberReportsWinsOverTheKnownOne() {
            Given given = new Given().members("m1").running("a", "m1");

            assertThat(inventory(given, "m1", new ReportedInstance(PROJECT, "a", "Stopped")))
                    .containsExactly(new StatusChanged(PROJECT, "a", "m1", Instance.STOPPED));
            assertThat(inventory(given, "m1", new ReportedInstance(PROJECT, "a", "Stopping")))
                    .isEmpty();
        }

        @Test
        void instancesWithAnOperationOrAMoveUnderWayAreLeftAlone() {
            Given given = new Given().members("m1", "m2").stopped("a", "m1").stopped("b", "m1");
            given.apply(given.instances().place(given.moveAccepted("a", member("m2")), given.find("a")));
            given.apply(given.instances()
                    .changeState(given.find("b"), new StateChange(StateAction.START, -1, false, false), "op-s"));

            assertThat(inventory(given, "m2")).isEmpty();
            assertThat(inventory(given, "m1", new ReportedInstance(PROJECT, "a", "Stopped")))
                    .isEmpty();
        }

        @Test
        void anInstanceWhoseCreationTheMemberHasNotConfirmedYetIsNotMissing() {
            Given given = new Given().members("m1");
            given.created("c", ANYWHERE, false);

            assertThat(inventory(given, "m1")).isEmpty();
            given.answered("c", "m1", Command.CREATE, true, "");
            assertThat(inventory(given, "m1"))
                    .containsExactly(new WentMissing(PROJECT, "c", "m1", "Instance is missing on member m1"));
        }

        @Test
        void anInstanceTheClusterDoesNotPlaceThereIsReportedNeverDeleted() {
            Given given = new Given().members("m1", "m2").stopped("a", "m2");

            assertThat(inventory(
                            given,
                            "m1",
                            new ReportedInstance(PROJECT, "a", "Stopped"),
                            new ReportedInstance(PROJECT, "zombie", "Running")))
                    .containsExactly(
                            new StrayInstanceReported("m1", PROJECT, "a", "Stopped", "m2"),
                            new StrayInstanceReported("m1", PROJECT, "zombie", "Running", ""));
            assertThat(given.instance("a").location()).isEqualTo("m2");
        }
    }
}
