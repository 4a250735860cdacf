package dev.muster.scheduler.instances;

import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;

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
            String group)
            implements OfInstance {}

    /** The instance now lives on {@code to}, created there (and started if {@code start}); it leaves {@code from}. */
    record Moved(String project, String name, String from, String to, Reason reason, String type, boolean start)
            implements OfInstance {}

    /** No member may take the instance; a new one is forgotten, a moving one stays where it is. */
    record PlacementRejected(String project, String name, Reason reason, String message) implements OfInstance {}

    record Deleted(String project, String name, String location) implements OfInstance {}

    /** The instance's status as its member reported it: {@code Running}, {@code Stopped} or {@code Error}. */
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
