package dev.muster.scheduler.instances;

import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
import java.util.Map;

/** What the scheduler decided: events about one instance, and the outcomes of evacuating, healing and restoring a member. */
public sealed interface InstanceEvent {

    /** An event about one instance, which {@link Instance#evolve} applies to it. */
    sealed interface OfInstance extends InstanceEvent {
        String project();

        String name();
    }

    /** A creation was accepted before its placement: the name is taken from now on. */
    record CreationAccepted(Instance instance, PlacementTarget target) implements OfInstance {
        @Override
        public String project() {
            return instance.project();
        }

        @Override
        public String name() {
            return instance.name();
        }
    }

    /** A client asked to move the instance, as it is now, to {@code target}. */
    record MoveRequested(Instance instance, PlacementTarget target, String operationId) implements OfInstance {
        @Override
        public String project() {
            return instance.project();
        }

        @Override
        public String name() {
            return instance.name();
        }
    }

    /**
     * A new instance was placed on {@code member}, stopped until its member reports otherwise.
     *
     * @param image the fingerprint of the image it is created from, empty for none
     * @param copyImage whether the member is asked for a copy of the image first
     * @param group the group it was placed in, kept for its evacuations; empty for none
     * @param config the instance's own config, for its member's runtime (without LXD's {@code volatile.*} keys)
     * @param devices the instance's own devices, for its member's runtime
     */
    record Placed(
            String project,
            String name,
            String member,
            Reason reason,
            String type,
            boolean start,
            String image,
            boolean copyImage,
            String group,
            Map<String, String> config,
            Map<String, Map<String, String>> devices)
            implements OfInstance {}

    /**
     * The instance moves to {@code to}, where it counts from now on (started there if {@code start}); {@code from} keeps
     * its copy until {@code to} confirmed its own. The move begins at {@code stage}: stopping the instance on
     * {@code from} (it runs), exporting it to the transfer {@code transfer}, or creating it anew on {@code to} (the
     * source is dead).
     */
    record Moved(
            String project,
            String name,
            String from,
            String to,
            Reason reason,
            String type,
            boolean start,
            Instance.Move.Stage stage,
            String transfer)
            implements OfInstance {}

    /** A move goes on to {@code stage}; {@code instance} is the instance before, its move at the stage left. */
    record MoveAdvanced(Instance instance, Instance.Move.Stage stage) implements OfInstance {
        @Override
        public String project() {
            return instance.project();
        }

        @Override
        public String name() {
            return instance.name();
        }
    }

    /** The target confirmed its copy: the move is over, and {@code from} is to delete its own (unless it is dead). */
    record MoveFinished(String project, String name, String from, Reason reason, String transfer)
            implements OfInstance {}

    /**
     * The move failed or was called off ({@code message}): the instance is back on {@code from}, intact; {@code to} is
     * asked to delete what it may hold of it when {@code discardTarget}.
     */
    record MoveFailed(
            String project,
            String name,
            String from,
            String to,
            Reason reason,
            String transfer,
            String message,
            boolean discardTarget)
            implements OfInstance {}

    /** A client asked to change the instance's state; {@code member} is asked to, and the operation waits for it. */
    record StateChangeAsked(String project, String name, String member, StateChange change, String operationId)
            implements OfInstance {}

    /** The instance's member created it: it holds it from now on. */
    record Confirmed(String project, String name, String member) implements OfInstance {}

    /** The instance's member does not have it (its inventory says so): {@code Error}, with {@code message}. */
    record WentMissing(String project, String name, String member, String message) implements OfInstance {}

    /**
     * A member holds an instance the cluster does not place there ({@code knownOn}: where it lives, empty when the
     * cluster does not know it at all). Reported, never deleted.
     */
    record StrayInstanceReported(String member, String project, String name, String status, String knownOn)
            implements InstanceEvent {}

    /** No member may take the instance; a new one is forgotten, a moving one stays where it is. */
    record PlacementRejected(String project, String name, Reason reason, String message) implements OfInstance {}

    record Deleted(String project, String name, String location) implements OfInstance {}

    /** The instance's status as its member reported it: {@code Running}, {@code Stopped}, {@code Frozen} or {@code Error}. */
    record StatusChanged(String project, String name, String location, String status) implements OfInstance {}

    /** A running instance stays on its evacuated (or dead) member, stopped, and remembers to start again on restore. */
    record StoppedInPlace(String project, String name, String member, Reason reason) implements OfInstance {}

    /** A member was restored: an instance it kept stopped for the evacuation is started again. */
    record StartAsked(String project, String name, String member) implements OfInstance {}

    /** The instance moved off {@code origin} for an evacuation, and returns there on restore. */
    record OriginRemembered(String project, String name, String origin) implements OfInstance {}

    /** The instance is back on its origin. */
    record OriginForgotten(String project, String name) implements OfInstance {}

    /** The operation of the instance's creation or move finished: succeeded, or failed with {@code error}. */
    record OperationFinished(String project, String name, String operationId, String error) implements OfInstance {
        public static OperationFinished succeeded(String project, String name, String operationId) {
            return new OperationFinished(project, name, operationId, "");
        }

        public boolean success() {
            return error.isEmpty();
        }
    }

    /** What an evacuation of {@code member} came to: {@code moved} instances went elsewhere, {@code stayed} did not. */
    record EvacuationFinished(String member, String mode, String operationId, int moved, List<String> stayed)
            implements InstanceEvent {}

    /** A dead member's instances were moved off it, those in {@code stayed} excepted. */
    record MemberHealed(String member, int moved, List<String> stayed) implements InstanceEvent {}

    /** A restored member got its evacuated instances back ({@code moved}) and started those it kept ({@code started}). */
    record RestoreFinished(String member, String operationId, int moved, int started) implements InstanceEvent {}
}
