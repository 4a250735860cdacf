package dev.muster.scheduler.placement;

/** Where a request asks an instance to go: anywhere, one member ({@code ?target=m2}) or a group ({@code ?target=@gpu}). */
public sealed interface PlacementTarget {

    record Anywhere() implements PlacementTarget {}

    record Member(String name) implements PlacementTarget {}

    record Group(String name) implements PlacementTarget {}

    /** Reads LXD's {@code target} query parameter. */
    static PlacementTarget parse(String target) {
        if (target == null || target.isBlank()) {
            return new Anywhere();
        }
        return target.startsWith("@") ? new Group(target.substring(1)) : new Member(target);
    }
}
