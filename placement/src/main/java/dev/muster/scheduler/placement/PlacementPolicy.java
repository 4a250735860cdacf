package dev.muster.scheduler.placement;

import java.util.List;
import java.util.Optional;

/**
 * A say in the choice before the default one: the placement scriptlet plugs in here. It may choose a candidate,
 * leave the choice to the default (empty), or refuse the placement.
 */
public interface PlacementPolicy {

    /** @throws PlacementRefused when the policy refuses the placement */
    Optional<String> choose(PlacementRequest request, List<MemberFacts> candidates, ClusterView view);

    /** No policy: the default choice always decides. */
    PlacementPolicy NONE = (request, candidates, view) -> Optional.empty();

    /** A policy's refusal, with the message the operation fails with. */
    final class PlacementRefused extends RuntimeException {
        public PlacementRefused(String message) {
            super(message);
        }
    }
}
