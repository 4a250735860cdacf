package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import java.util.List;
import java.util.Map;

/**
 * An accepted request to place an instance, for the scheduler's decision loop: a creation ({@code reason} {@code new})
 * or a move ({@code relocation}). Keyed by the instance, so that its requests stay in order.
 *
 * @param targetMember the member asked for with {@code ?target=NAME}, or empty
 * @param targetGroup the group asked for with {@code ?target=@GROUP}, or empty
 * @param architecture the architecture the instance needs, or empty for any
 * @param start whether the instance is to be started once created
 * @param currentLocation for a move, the member the instance is on (excluded from the choice), or empty
 * @param operationId the operation that completes with the decision
 */
@EventType(name = "muster.placement.requested", version = 1, topic = Topics.PLACEMENT_REQUESTS)
public record PlacementRequested(
        String name,
        String project,
        String reason,
        String type,
        String targetMember,
        String targetGroup,
        String architecture,
        boolean start,
        String currentLocation,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        List<String> profiles,
        String operationId)
        implements PublicEvent {
    @Override
    public String key() {
        return name;
    }
}
