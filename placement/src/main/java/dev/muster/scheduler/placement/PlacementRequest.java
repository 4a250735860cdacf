package dev.muster.scheduler.placement;

import java.util.List;
import java.util.Map;

/**
 * One instance to place.
 *
 * @param architecture the architecture it needs, or empty for any
 * @param excluded a member it must not go to (its current one, for a move or an evacuation), or empty
 * @param reason {@code new}, {@code evacuation}, {@code relocation} or {@code healing}
 * @param spec what the instance is, for a policy that looks at it (the placement scriptlet)
 */
public record PlacementRequest(
        String instance,
        String architecture,
        PlacementTarget target,
        String excluded,
        String reason,
        InstanceSpec spec) {

    public PlacementRequest(
            String instance, String architecture, PlacementTarget target, String excluded, String reason) {
        this(instance, architecture, target, excluded, reason, InstanceSpec.NONE);
    }

    /** The instance as its creation asked for it. */
    public record InstanceSpec(
            String project,
            String type,
            Map<String, String> config,
            Map<String, Map<String, String>> devices,
            List<String> profiles) {

        public static final InstanceSpec NONE = new InstanceSpec("default", "container", Map.of(), Map.of(), List.of());
    }
}
