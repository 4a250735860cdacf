package dev.muster.scheduler.instances;

import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
import java.util.Map;

/**
 * An accepted request to place an instance, as the decision loop takes it: a creation or a move.
 *
 * @param currentLocation for a move, the member the instance is on (excluded from the choice), or empty
 * @param operationId the operation the request belongs to; a request the instance no longer waits for is stale
 */
public record Placement(
        String project,
        String name,
        Reason reason,
        String type,
        PlacementTarget target,
        String architecture,
        boolean start,
        String currentLocation,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        List<String> profiles,
        String operationId) {

    public boolean move() {
        return reason == Reason.RELOCATION;
    }
}
