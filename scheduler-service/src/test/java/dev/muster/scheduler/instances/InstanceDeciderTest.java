package dev.muster.scheduler.instances;

import static dev.muster.scheduler.instances.Given.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.scheduler.instances.AgentAnswer.Command;
import dev.muster.scheduler.instances.InstanceEvent.Deleted;
import dev.muster.scheduler.instances.InstanceEvent.MoveRequested;
import dev.muster.scheduler.instances.InstanceEvent.Moved;
import dev.muster.scheduler.instances.InstanceEvent.OperationFinished;
import dev.muster.scheduler.instances.InstanceEvent.Placed;
import dev.muster.scheduler.instances.InstanceEvent.PlacementRejected;
import dev.muster.scheduler.instances.InstanceEvent.StatusChanged;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
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
                            new Placed(PROJECT, "c", "m3", Reason.NEW, "container", false, "", false, ""),
                            OperationFinished.succeeded(PROJECT, "c", "op-1"));
            assertThat(given.instance("c").location()).isEqualTo("m3");
            assertThat(given.instance("c").operationId()).isNull();
            assertThat(given.view.instanceCount("m3")).isEqualTo(1);
        }

        @Test
        void anInstanceToStartWaitsForItsMemberWhichStartsIt() {
            Given given = new Given().members("m1");

            assertThat(given.created("c", ANYWHERE, true))
                    .containsExactly(new Placed(PROJECT, "c", "m1", Reason.NEW, "container", true, "", false, ""));
            assertThat(given.answered("c", "m1", Command.CREATE, true, ""))
                    .containsExactly(
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
                    .isEqualTo(new Placed(PROJECT, "c", "m3", Reason.NEW, "container", false, "", false, "gpu"));
            assertThat(given.instance("c").config()).containsEntry(Instance.GROUP, "gpu");
        }

        @Test
        void anImageIsCopiedToTheMemberOnceForABurstOfCreationsAndTheOperationWaitsForTheMember() {
            Given given = new Given().members("m1").image(ALPINE, "alpine");

            List<InstanceEvent> first = given.created(given.fromImage("c1", "alpine", false));
            List<InstanceEvent> second = given.created(given.fromImage("c2", "alpine", false));

            assertThat(first)
                    .containsExactly(new Placed(PROJECT, "c1", "m1", Reason.NEW, "container", false, ALPINE, true, ""));
            assertThat(second)
                    .containsExactly(
                            new Placed(PROJECT, "c2", "m1", Reason.NEW, "container", false, ALPINE, false, ""));
            assertThat(given.instance("c1").config()).containsEntry(Instance.BASE_IMAGE, ALPINE);
            assertThat(given.instance("c1").architecture()).isEqualTo("x86_64");
            assertThat(given.answered("c1", "m1", Command.CREATE, true, ""))
                    .containsExactly(OperationFinished.succeeded(PROJECT, "c1", "op-1"));
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
        void aRunningInstanceMovesToTheTargetMemberAndStartsThereOnceItsMemberSaysSo() {
            Given given = new Given().members("m1", "m2").running("a", "m1");

            Placement request = given.moveAccepted("a", member("m2"));
            List<InstanceEvent> events = given.apply(given.instances().place(request, given.find("a")));

            assertThat(events)
                    .containsExactly(new Moved(PROJECT, "a", "m1", "m2", Reason.RELOCATION, "container", true));
            assertThat(given.instance("a").location()).isEqualTo("m2");
            assertThat(given.instance("a").operationId()).isEqualTo("op-1");
            assertThat(given.view.instanceCount("m1")).isZero();
            assertThat(given.view.instanceCount("m2")).isEqualTo(1);
            assertThat(given.answered("a", "m2", Command.CREATE, true, ""))
                    .containsExactly(
                            new StatusChanged(PROJECT, "a", "m2", Instance.RUNNING),
                            OperationFinished.succeeded(PROJECT, "a", "op-1"));
        }

        @Test
        void aStoppedInstanceMovesIntoAGroupAndItsOperationCompletesAtOnce() {
            Given given =
                    new Given().members("m1", "m2", "m3").group("gpu", "m3").stopped("a", "m1");

            Placement request = given.moveAccepted("a", group("gpu"));

            assertThat(given.apply(given.instances().place(request, given.find("a"))))
                    .containsExactly(
                            new Moved(PROJECT, "a", "m1", "m3", Reason.RELOCATION, "container", false),
                            OperationFinished.succeeded(PROJECT, "a", "op-1"));
        }

        @Test
        void theMoveRequestCarriesTheInstanceAsItIs() {
            Given given = new Given().members("m1", "m2").running("a", "m1");

            assertThat(given.instances().move(given.find("a"), member("m2"), "op-7"))
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
        void aFailedCreateFailsTheWaitingOperationWithTheMembersMessage() {
            Given given = new Given().members("m1");
            given.created("c", ANYWHERE, true);

            assertThat(given.answered("c", "m1", Command.CREATE, false, "no space left"))
                    .containsExactly(
                            new StatusChanged(PROJECT, "c", "m1", Instance.ERROR),
                            new OperationFinished(PROJECT, "c", "op-1", "no space left"));
            assertThat(given.instance("c").operationId()).isNull();
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
}
