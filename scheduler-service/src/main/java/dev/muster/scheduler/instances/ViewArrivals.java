package dev.muster.scheduler.instances;

import dev.muster.scheduler.placement.ClusterView;
import dev.muster.scheduler.placement.PlacementTarget;

/**
 * Gives the {@link ClusterView} its usual moment to learn of the member or group a request targets, so that creating a
 * group and targeting it right away works as it does in LXD. Waits, so it is called before a decision, not in it.
 */
public final class ViewArrivals {

    private ViewArrivals() {}

    /** Returns once the view knows {@code target}, or after the patience (the decision then refuses it). */
    public static void awaitKnown(ClusterView view, PlacementTarget target) {
        switch (target) {
            case PlacementTarget.Member member ->
                ViewLag.firstFound(ViewLag.PATIENCE, view.changes(), () -> view.member(member.name()));
            case PlacementTarget.Group group ->
                ViewLag.eventually(ViewLag.PATIENCE, view.changes(), () -> view.hasGroup(group.name()));
            case PlacementTarget.Anywhere anywhere -> {}
        }
    }
}
