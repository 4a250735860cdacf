package dev.muster.scheduler.instances;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance as the scheduler keeps it: the state its events left it in.
 *
 * @param location the member it lives on, or null while its placement is being decided
 * @param status {@code Running}, {@code Stopped} or {@code Error}, as its member reported
 * @param start whether it is to run once created on its member
 * @param operationId the operation of the creation, move or state change in progress, if any
 * @param statusMessage why the status is what it is when its member did not say so (e.g. the instance is missing on
 *     its member); empty otherwise
 * @param move the move under way, or null: the instance is already counted on {@code location}, its target
 * @param held whether its member confirmed it holds the instance (it created, imported or kept it); until then, an
 *     inventory of the member that lacks it is no news
 */
public record Instance(
        String project,
        String name,
        String type,
        String architecture,
        String description,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        List<String> profiles,
        String location,
        String status,
        boolean start,
        String operationId,
        Instant createdAt,
        String statusMessage,
        Move move,
        boolean held) {

    /**
     * A move under way: the instance leaves {@code from}, which keeps its copy until the target confirmed its own.
     *
     * @param transfer the id of the transfer the source exports to and the target imports from
     */
    public record Move(String from, Reason reason, Stage stage, String transfer) {

        /** What the move waits for. */
        public enum Stage {
            /** the source to stop the instance, which ran */
            STOPPING,
            /** the source to export the instance to the transfer */
            EXPORTING,
            /** the target to import it from the transfer */
            IMPORTING,
            /** the target to create it anew (the source is dead, or cannot export or import) */
            RECREATING
        }

        public Move at(Stage next) {
            return new Move(from, reason, next, transfer);
        }
    }

    /** Where LXD records the fingerprint of the image an instance was created from. */
    public static final String BASE_IMAGE = "volatile.base_image";
    /** The member an instance was evacuated from, LXD's key. */
    public static final String ORIGIN = "volatile.evacuate.origin";
    /** {@code RUNNING} on an instance stopped in place by an evacuation, LXD's key. */
    public static final String LAST_POWER = "volatile.last_state.power";
    /** The group an instance was placed in, which its evacuations keep it in. */
    public static final String GROUP = "volatile.cluster.group";

    public static final String POWERED = "RUNNING";
    public static final String RUNNING = "Running";
    public static final String STOPPED = "Stopped";
    public static final String ERROR = "Error";
    public static final String FROZEN = "Frozen";

    /** LXD's prefix of the config keys it sets itself, which are not passed to a member's runtime. */
    public static final String VOLATILE = "volatile.";

    public boolean placed() {
        return location != null;
    }

    public boolean running() {
        return RUNNING.equals(status);
    }

    /** Running or frozen: its processes exist (LXD's {@code IsRunning}). */
    public boolean active() {
        return RUNNING.equals(status) || FROZEN.equals(status);
    }

    public boolean busy() {
        return !placed() || operationId != null || move != null;
    }

    public boolean moving() {
        return move != null;
    }

    /** The instance's own config as its member's runtime takes it: without the {@code volatile.*} keys. */
    public Map<String, String> ownConfig() {
        return own(config);
    }

    /** {@code config} without the {@code volatile.*} keys. */
    public static Map<String, String> own(Map<String, String> config) {
        Map<String, String> own = new HashMap<>();
        config.forEach((key, value) -> {
            if (!key.startsWith(VOLATILE)) {
                own.put(key, value);
            }
        });
        return Map.copyOf(own);
    }

    /** Whether it was created from an image (its member is to fetch the image, and says when it has). */
    public boolean fromImage() {
        return config != null && config.containsKey(BASE_IMAGE);
    }

    /**
     * The instance after {@code event}: {@code before} is null for an instance not created yet, and the result null for
     * one that no longer exists. The application applies the same changes to the {@code instances} table.
     */
    public static Instance evolve(Instance before, InstanceEvent.OfInstance event) {
        if (event instanceof InstanceEvent.CreationAccepted accepted) {
            return accepted.instance();
        }
        if (before == null) {
            return null;
        }
        return switch (event) {
            case InstanceEvent.CreationAccepted accepted -> accepted.instance();
            case InstanceEvent.MoveRequested e -> before.withOperation(e.operationId());
            case InstanceEvent.StateChangeAsked e -> before.withOperation(e.operationId());
            case InstanceEvent.Placed e ->
                before.withConfig(e.group().isEmpty() ? before.config : with(before.config, GROUP, e.group()))
                        .at(e.member(), before.move)
                        .withStatus(STOPPED, "")
                        .withHeld(false);
            case InstanceEvent.Moved e ->
                before.at(e.to(), new Move(e.from(), e.reason(), e.stage(), e.transfer()))
                        .withStart(e.start())
                        .withStatus(e.stage() == Move.Stage.RECREATING ? STOPPED : before.status, "");
            case InstanceEvent.MoveAdvanced e -> before.at(before.location, before.move.at(e.stage()));
            case InstanceEvent.MoveFinished e ->
                before.at(before.location, null).withHeld(true);
            case InstanceEvent.MoveFailed e -> before.at(e.from(), null).withHeld(true);
            case InstanceEvent.Confirmed e -> before.withHeld(true);
            case InstanceEvent.PlacementRejected e -> e.reason() == Reason.RELOCATION ? before : null;
            case InstanceEvent.Deleted e -> null;
            case InstanceEvent.StatusChanged e -> before.withStatus(e.status(), "");
            case InstanceEvent.WentMissing e -> before.withStatus(ERROR, e.message());
            case InstanceEvent.StoppedInPlace e ->
                before.withConfig(with(before.config, LAST_POWER, POWERED)).withStatus(STOPPED, "");
            case InstanceEvent.StartAsked e -> before.withConfig(without(before.config, LAST_POWER));
            case InstanceEvent.OriginRemembered e -> before.withConfig(with(before.config, ORIGIN, e.origin()));
            case InstanceEvent.OriginForgotten e -> before.withConfig(without(before.config, ORIGIN));
            case InstanceEvent.OperationFinished e -> before.withOperation(null);
        };
    }

    private Instance withOperation(String id) {
        return new Instance(
                project,
                name,
                type,
                architecture,
                description,
                config,
                devices,
                profiles,
                location,
                status,
                start,
                id,
                createdAt,
                statusMessage,
                move,
                held);
    }

    private Instance withStatus(String value, String message) {
        return new Instance(
                project,
                name,
                type,
                architecture,
                description,
                config,
                devices,
                profiles,
                location,
                value,
                start,
                operationId,
                createdAt,
                message,
                move,
                held);
    }

    private Instance withStart(boolean value) {
        return new Instance(
                project,
                name,
                type,
                architecture,
                description,
                config,
                devices,
                profiles,
                location,
                status,
                value,
                operationId,
                createdAt,
                statusMessage,
                move,
                held);
    }

    private Instance at(String member, Move value) {
        return new Instance(
                project,
                name,
                type,
                architecture,
                description,
                config,
                devices,
                profiles,
                member,
                status,
                start,
                operationId,
                createdAt,
                statusMessage,
                value,
                held);
    }

    private Instance withHeld(boolean value) {
        return new Instance(
                project,
                name,
                type,
                architecture,
                description,
                config,
                devices,
                profiles,
                location,
                status,
                start,
                operationId,
                createdAt,
                statusMessage,
                move,
                value);
    }

    private Instance withConfig(Map<String, String> value) {
        return new Instance(
                project,
                name,
                type,
                architecture,
                description,
                value,
                devices,
                profiles,
                location,
                status,
                start,
                operationId,
                createdAt,
                statusMessage,
                move,
                held);
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> copy = new HashMap<>(config);
        copy.put(key, value);
        return Map.copyOf(copy);
    }

    private static Map<String, String> without(Map<String, String> config, String key) {
        Map<String, String> copy = new HashMap<>(config);
        copy.remove(key);
        return Map.copyOf(copy);
    }
}
