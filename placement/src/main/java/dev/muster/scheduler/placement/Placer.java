package dev.muster.scheduler.placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Decides where instances go, one request after the other, against a {@link ClusterView} that counts every
 * instance placed so far (in-flight ones included): the policy first, then the candidate with the fewest instances,
 * ties broken at random. Decisions are serialised: the decision loop and evacuations share one placer.
 */
public final class Placer {

    private final ClusterView view;
    private final RandomGenerator random;
    private PlacementPolicy policy = PlacementPolicy.NONE;
    /** Candidates per (group, architecture), valid for one version of the view: most decisions only count. */
    private final Map<String, Candidates> candidatesByFilter = new HashMap<>();

    private long cachedVersion = -1;

    /** The members a filter lets through, in join order, with their live instance counters. */
    private record Candidates(List<MemberFacts> members, AtomicLong[] counts) {}

    public Placer(ClusterView view, RandomGenerator random) {
        this.view = view;
        this.random = random;
    }

    public synchronized void usePolicy(PlacementPolicy value) {
        this.policy = value == null ? PlacementPolicy.NONE : value;
    }

    /** Decides, and counts the instance on the chosen member at once (so the next decision sees it). */
    public synchronized Decision place(PlacementRequest request) {
        Decision decision = decide(request);
        if (decision instanceof Decision.Placed placed) {
            view.instanceAdded(placed.member());
        }
        return decision;
    }

    private Decision decide(PlacementRequest request) {
        if (request.target() instanceof PlacementTarget.Member member) {
            Optional<MemberFacts> facts = view.member(member.name());
            if (facts.isEmpty()) {
                return new Decision.Rejected(404, "Cluster member \"" + member.name() + "\" not found");
            }
            if (facts.get().evacuated()) {
                return new Decision.Rejected(403, "Cluster member is evacuated");
            }
            if (!facts.get().online()) {
                return new Decision.Rejected(503, "Cluster member \"" + member.name() + "\" is offline");
            }
            return veto(request, List.of(facts.get())).orElse(new Decision.Placed(member.name()));
        }
        if (request.target() instanceof PlacementTarget.Group group && !view.hasGroup(group.name())) {
            return new Decision.Rejected(400, "Cluster group \"" + group.name() + "\" does not exist");
        }
        Candidates candidates = candidatesFor(request);
        if (policy != PlacementPolicy.NONE) {
            List<MemberFacts> offered = candidates.members().stream()
                    .filter(m -> !m.name().equals(request.excluded()))
                    .toList();
            if (offered.isEmpty()) {
                return Decision.Rejected.noCandidate();
            }
            try {
                Optional<String> chosen = policy.choose(request, offered, view);
                if (chosen.isPresent()) {
                    return new Decision.Placed(chosen.get());
                }
            } catch (PlacementPolicy.PlacementRefused refused) {
                return new Decision.Rejected(400, refused.getMessage());
            }
        }
        String fewest = fewestInstances(candidates, request.excluded());
        return fewest == null ? Decision.Rejected.noCandidate() : new Decision.Placed(fewest);
    }

    /** A directly targeted placement still lets the policy refuse it (Incus), but not choose another member. */
    private Optional<Decision> veto(PlacementRequest request, List<MemberFacts> only) {
        try {
            policy.choose(request, only, view);
            return Optional.empty();
        } catch (PlacementPolicy.PlacementRefused refused) {
            return Optional.of(new Decision.Rejected(400, refused.getMessage()));
        }
    }

    private Candidates candidatesFor(PlacementRequest request) {
        long version = view.version();
        if (version != cachedVersion) {
            candidatesByFilter.clear();
            cachedVersion = version;
        }
        String group = request.target() instanceof PlacementTarget.Group g ? g.name() : "";
        String architecture = request.architecture() == null ? "" : request.architecture();
        return candidatesByFilter.computeIfAbsent(group + "\u0000" + architecture, key -> {
            List<MemberFacts> members =
                    CandidateFilter.candidates(view, new PlacementRequest("", architecture, request.target(), "", ""));
            return new Candidates(
                    members, members.stream().map(m -> view.counter(m.name())).toArray(AtomicLong[]::new));
        });
    }

    /** The candidate with the fewest instances; among equals one at random (each tied one equally likely). */
    private String fewestInstances(Candidates candidates, String excluded) {
        long fewest = Long.MAX_VALUE;
        int tied = 0;
        int chosen = -1;
        AtomicLong[] counts = candidates.counts();
        for (int i = 0; i < counts.length; i++) {
            long count = counts[i].get();
            if (count > fewest
                    || (excluded != null
                            && !excluded.isEmpty()
                            && candidates.members().get(i).name().equals(excluded))) {
                continue;
            }
            if (count < fewest) {
                fewest = count;
                tied = 1;
                chosen = i;
            } else if (random.nextInt(++tied) == 0) {
                chosen = i;
            }
        }
        return chosen < 0 ? null : candidates.members().get(chosen).name();
    }
}
