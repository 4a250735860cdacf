package dev.muster.scheduler.placement;

/**
 * One instance to place.
 *
 * @param architecture the architecture it needs, or empty for any
 * @param excluded a member it must not go to (its current one, for a move or an evacuation), or empty
 * @param reason {@code new}, {@code evacuation}, {@code relocation} or {@code healing}
 */
public record PlacementRequest(String instance, String architecture, PlacementTarget target, String excluded, String reason) {}
