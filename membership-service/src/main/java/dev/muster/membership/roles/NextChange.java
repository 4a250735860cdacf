package dev.muster.membership.roles;

import static dev.muster.membership.roles.RaftRole.SPARE;
import static dev.muster.membership.roles.RaftRole.STANDBY;
import static dev.muster.membership.roles.RaftRole.VOTER;
import static java.util.Comparator.comparing;
import static java.util.Comparator.comparingLong;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toSet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One look at the cluster by its leader: the single role change that LXD's steps call for next, if any
 * (go-dqlite's {@code Adjust} as current LXD wraps it in {@code rolesAdjust}). {@link RoleAssignment} explains
 * where Muster departs from LXD.
 */
final class NextChange {

    /** Below this many members the cluster keeps a single voter (go-dqlite's {@code minVoters}). */
    private static final int MIN_VOTERS = 3;

    private static final Comparator<Node> BY_ID = comparingLong(Node::id);
    private static final Comparator<Node> EVACUATED_FIRST = comparing((Node node) -> !node.evacuated());

    private final List<Node> nodes;
    private final Node leader;
    private final RoleLimits limits;
    private final List<Node> onlineVoters;
    private final List<Node> onlineStandbys;

    /** @param leader the elected leader; {@code null} or an offline voter when no voter is online */
    NextChange(List<Node> nodes, String leader, RoleLimits limits) {
        this.nodes = nodes;
        this.leader = nodes.stream()
                .filter(node -> node.name().equals(leader))
                .findFirst()
                .orElse(null);
        this.limits = limits;
        this.onlineVoters = nodes.stream()
                .filter(node -> node.online() && node.role() == VOTER)
                .toList();
        this.onlineStandbys = nodes.stream()
                .filter(node -> node.online() && node.role() == STANDBY)
                .toList();
    }

    Optional<RoleChange> find() {
        if (leader == null || !leader.online()) {
            // No voter is online, so raft has no leader and none of the steps can run. Muster's state is not in
            // raft: it does what `lxd cluster recover-from-quorum-loss` does by hand and gives the vote to a member.
            return promoteToVoter();
        }
        if (nodes.size() == 1) {
            return Optional.empty();
        }
        if (nodes.size() < MIN_VOTERS) {
            return replaceEvacuatedLeader()
                    .or(this::demoteVoterOtherThanLeader)
                    .or(this::demoteSurplusStandby)
                    .or(this::demoteOfflineStandby);
        }
        // Step 4, "counts at target and every holder online", is the case where no step below finds anything.
        return replaceEvacuatedVoter()
                .or(this::replaceEvacuatedStandby)
                .or(this::spreadVotersAcrossDomains)
                .or(this::promoteMissingVoter)
                .or(this::demoteSurplusVoter)
                .or(this::demoteOfflineVoter)
                .or(this::promoteMissingStandby)
                .or(this::demoteSurplusStandby)
                .or(this::demoteOfflineStandby)
                .or(this::demoteEvacuated);
    }

    // ---- a cluster of two: one voter, the leader (step 2) ----

    /** An evacuated leader first gets a successor, which the next election makes leader. */
    private Optional<RoleChange> replaceEvacuatedLeader() {
        return leader.evacuated() ? promoteToVoter() : Optional.empty();
    }

    private Optional<RoleChange> demoteVoterOtherThanLeader() {
        return demote(nodes.stream().filter(node -> node.role() == VOTER && !isLeader(node)), BY_ID);
    }

    // ---- three members or more (steps 3 to 10, with current LXD's handling of evacuated members) ----

    /** While evacuated voters still count towards the target, their replacement is promoted first. */
    private Optional<RoleChange> replaceEvacuatedVoter() {
        long evacuated = onlineVoters.stream().filter(Node::evacuated).count();
        return evacuated > 0 && onlineVoters.size() - evacuated < limits.maxVoters()
                ? promoteToVoter()
                : Optional.empty();
    }

    private Optional<RoleChange> replaceEvacuatedStandby() {
        long evacuated = onlineStandbys.stream().filter(Node::evacuated).count();
        return evacuated > 0 && onlineStandbys.size() - evacuated < limits.maxStandby()
                ? promoteToStandby()
                : Optional.empty();
    }

    /** Step 3: some domain holds two voters while another domain with online members holds none. */
    private Optional<RoleChange> spreadVotersAcrossDomains() {
        Set<String> withVoters = domainsOf(onlineVoters.stream());
        Set<String> withOnlineMembers = domainsOf(nodes.stream().filter(Node::online));
        if (withVoters.size() < withOnlineMembers.size() && withVoters.size() < onlineVoters.size()) {
            return promote(
                    voterCandidates().filter(node -> !withVoters.contains(node.failureDomain())), withVoters, VOTER);
        }
        return Optional.empty();
    }

    /** Step 5. With no one to promote, an evacuated voter gives up its place so that it can be filled later. */
    private Optional<RoleChange> promoteMissingVoter() {
        if (onlineVoters.size() >= limits.maxVoters()) {
            return Optional.empty();
        }
        return promoteToVoter()
                .or(() -> demote(onlineVoters.stream().filter(node -> node.evacuated() && !isLeader(node)), BY_ID));
    }

    /** Step 6: evacuated voters go first, then those in the domain with the most voters. */
    private Optional<RoleChange> demoteSurplusVoter() {
        if (onlineVoters.size() <= limits.maxVoters()) {
            return Optional.empty();
        }
        Map<String, Long> votersPerDomain = onlineVoters.stream().collect(groupingBy(Node::failureDomain, counting()));
        Comparator<Node> crowdedDomainFirst = comparing(node -> -votersPerDomain.get(node.failureDomain()));
        return demote(
                onlineVoters.stream().filter(node -> !isLeader(node)),
                EVACUATED_FIRST.thenComparing(crowdedDomainFirst).thenComparing(BY_ID));
    }

    /** Step 7. */
    private Optional<RoleChange> demoteOfflineVoter() {
        return demote(nodes.stream().filter(node -> !node.online() && node.role() == VOTER), BY_ID);
    }

    /** Step 8. With no spare to promote, an evacuated stand-by gives up its place so that it can be filled later. */
    private Optional<RoleChange> promoteMissingStandby() {
        if (onlineStandbys.size() >= limits.maxStandby()) {
            return Optional.empty();
        }
        return promoteToStandby().or(() -> demote(onlineStandbys.stream().filter(Node::evacuated), BY_ID));
    }

    /** Step 9. */
    private Optional<RoleChange> demoteSurplusStandby() {
        if (onlineStandbys.size() <= limits.maxStandby()) {
            return Optional.empty();
        }
        return demote(onlineStandbys.stream(), EVACUATED_FIRST.thenComparing(BY_ID));
    }

    /** Step 10. */
    private Optional<RoleChange> demoteOfflineStandby() {
        return demote(nodes.stream().filter(node -> !node.online() && node.role() == STANDBY), BY_ID);
    }

    /** Once the counts are right, the remaining evacuated voters (except the leader) and stand-bys step down. */
    private Optional<RoleChange> demoteEvacuated() {
        Comparator<Node> votersFirst = comparing(node -> node.role() != VOTER);
        return demote(
                nodes.stream()
                        .filter(node -> node.online() && node.evacuated() && node.role() != SPARE && !isLeader(node)),
                votersFirst.thenComparing(BY_ID));
    }

    // ---- choosing ----

    private Optional<RoleChange> promoteToVoter() {
        return promote(voterCandidates(), domainsOf(onlineVoters.stream()), VOTER);
    }

    private Optional<RoleChange> promoteToStandby() {
        return promote(
                nodes.stream().filter(node -> isCandidate(node) && node.role() == SPARE),
                domainsOf(onlineStandbys.stream()),
                STANDBY);
    }

    private Stream<Node> voterCandidates() {
        return nodes.stream().filter(node -> isCandidate(node) && node.role() != VOTER);
    }

    /** Members outside the covered domains first, then stand-bys (which already hold the data), then the lowest id. */
    private static Optional<RoleChange> promote(Stream<Node> candidates, Set<String> coveredDomains, RaftRole to) {
        Comparator<Node> uncoveredFirst = comparing(node -> coveredDomains.contains(node.failureDomain()));
        Comparator<Node> standbysFirst = comparing(node -> node.role() != STANDBY);
        return candidates
                .min(uncoveredFirst.thenComparing(standbysFirst).thenComparing(BY_ID))
                .map(node -> new RoleChange(node.name(), node.role(), to));
    }

    private static Optional<RoleChange> demote(Stream<Node> candidates, Comparator<Node> order) {
        return candidates.min(order).map(node -> new RoleChange(node.name(), node.role(), SPARE));
    }

    private static boolean isCandidate(Node node) {
        return node.online() && !node.evacuated();
    }

    private boolean isLeader(Node node) {
        return node.name().equals(leader.name());
    }

    private static Set<String> domainsOf(Stream<Node> nodes) {
        return nodes.map(Node::failureDomain).collect(toSet());
    }
}
