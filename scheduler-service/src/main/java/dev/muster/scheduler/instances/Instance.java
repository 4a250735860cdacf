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
 * @param operationId the operation of the creation or move in progress, if any
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
        Instant createdAt) {

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

    public boolean placed() {
        return location != null;
    }

    public boolean running() {
        return RUNNING.equals(status);
    }

    public boolean busy() {
        return !placed() || operationId != null;
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
            case InstanceEvent.Placed e ->
                new Instance(
                        before.project,
                        before.name,
                        before.type,
                        before.architecture,
                        before.description,
                        e.group().isEmpty() ? before.config : with(before.config, GROUP, e.group()),
                        before.devices,
                        before.profiles,
                        e.member(),
                        STOPPED,
                        before.start,
                        before.operationId,
                        before.createdAt);
            case InstanceEvent.Moved e ->
                new Instance(
                        before.project,
                        before.name,
                        before.type,
                        before.architecture,
                        before.description,
                        before.config,
                        before.devices,
                        before.profiles,
                        e.to(),
                        STOPPED,
                        e.start(),
                        before.operationId,
                        before.createdAt);
            case InstanceEvent.PlacementRejected e -> e.reason() == Reason.RELOCATION ? before : null;
            case InstanceEvent.Deleted e -> null;
            case InstanceEvent.StatusChanged e -> before.withStatus(e.status());
            case InstanceEvent.StoppedInPlace e ->
                before.withConfig(with(before.config, LAST_POWER, POWERED)).withStatus(STOPPED);
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
                createdAt);
    }

    private Instance withStatus(String value) {
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
                createdAt);
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
                createdAt);
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
