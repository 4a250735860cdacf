package dev.muster.membership.roles;

import static dev.muster.membership.roles.RaftRole.SPARE;
import static dev.muster.membership.roles.RaftRole.STANDBY;
import static dev.muster.membership.roles.RaftRole.VOTER;
import static java.util.Comparator.comparing;
import static java.util.Comparator.comparingLong;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LXD's database roles: which members are raft voters, stand-bys and spares, and which voter leads (section 3 of
 * the clustering reference).
 *
 * <p>{@link #onJoin} is LXD's {@code Accept}. {@link #rebalance} is the leader's loop around
 * {@code GetNextRoleChange}: find one change, apply it, look again, until nothing is left. The steps are
 * go-dqlite's generic {@code Adjust} plus what current LXD adds for evacuated members: they are never promoted,
 * and an evacuated voter or stand-by is replaced first and demoted afterwards. Control-plane mode (LXD 6.8) is not
 * modelled, as Muster speaks LXD 5.x.
 *
 * <p>Where Muster departs from LXD, and why:
 * <ul>
 *   <li><b>Ties go to the lowest id.</b> LXD sets no weights, so among equally good members its choice follows Go
 *       map order, in effect random. Here the member that joined first wins every tie, whether a promotion or a
 *       demotion is being chosen, so the same cluster always gets the same roles, whatever order it is given in.
 *   <li><b>Stand-bys are promoted to voter before spares</b> (after the failure-domain preference), as they
 *       already hold the data; LXD lists them first but its unstable sort does not keep that order.
 *   <li><b>A step with no one to promote lets the following steps run.</b> go-dqlite ends the round there, so an
 *       offline voter or stand-by keeps its role while no replacement is online; current LXD goes on for voters
 *       only. Here an offline member always loses its role.
 *   <li><b>Clusters of two</b> keep exactly one voter, the leader, as in LXD, and also demote offline and surplus
 *       stand-bys (steps 9 and 10), which LXD leaves alone there.
 *   <li><b>Leadership.</b> The leader keeps leading while it is an online voter. When it is offline, gone or not a
 *       voter, raft elects another voter; here the online voter with the lowest id, one that is not evacuated if
 *       possible. An evacuated leader gives way as soon as such a voter exists (LXD transfers leadership before
 *       evacuating, or at the end of a round), so that the evacuated member can then be demoted.
 *   <li><b>No online voter.</b> Raft would then stop until an operator runs
 *       {@code lxd cluster recover-from-quorum-loss}. Muster's state does not live in raft, so the loop promotes
 *       the best online member to voter, which then leads. Until one exists the leadership stays with the last
 *       leader (or the voter with the lowest id) and nothing changes. Rebalancing thus never waits for quorum;
 *       {@link #hasQuorum} tells whether the voters hold a majority.
 * </ul>
 */
public final class RoleAssignment {

    /**
     * A safety net against a bug that would loop forever: the loop settles after at most about two changes per
     * member (see the property tests).
     */
    private static final int MAX_CHANGES_PER_MEMBER = 10;

    private RoleAssignment() {}

    /**
     * The role of a member joining a cluster of {@code current} members (3.1): the first member is a voter (and
     * leads); otherwise a voter if the cluster has more than one member and too few voters, else a stand-by if it
     * has too few stand-bys, else a spare. A {@link #rebalance} follows.
     */
    public static RaftRole onJoin(List<Node> current, RoleLimits limits) {
        if (current.isEmpty()) {
            return VOTER;
        }
        long voters = current.stream().filter(node -> node.role() == VOTER).count();
        long standbys = current.stream().filter(node -> node.role() == STANDBY).count();
        if (current.size() > 1 && voters < limits.maxVoters()) {
            return VOTER;
        }
        return standbys < limits.maxStandby() ? STANDBY : SPARE;
    }

    /**
     * Runs the rebalance loop (3.2) to its end.
     *
     * @param leader the current leader; {@code null} or the name of a member that is gone when unknown
     * @throws IllegalArgumentException if two members share a name
     */
    public static Assignment rebalance(List<Node> nodes, String leader, RoleLimits limits) {
        if (nodes.stream().map(Node::name).distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("Member names must be unique: " + nodes);
        }
        int maxChanges = MAX_CHANGES_PER_MEMBER * nodes.size();
        List<Node> current = List.copyOf(nodes);
        String elected = elect(current, leader);
        List<RoleChange> changes = new ArrayList<>();
        Optional<RoleChange> next;
        while ((next = new NextChange(current, elected, limits).find()).isPresent()) {
            if (changes.size() == maxChanges) {
                throw new IllegalStateException("Roles did not settle after " + maxChanges + " changes: " + changes);
            }
            changes.add(next.get());
            current = apply(current, next.get());
            elected = elect(current, elected);
        }
        return new Assignment(rolesOf(current), elected, changes);
    }

    /**
     * The roles once {@code removed} has left the cluster. When the leader of a two-member cluster leaves, the
     * other member becomes the voter, online or not, and leads (3.3). Otherwise the roles are rebalanced, and if
     * the leader left, another voter is elected.
     *
     * @param remaining the members without {@code removed}
     * @param leader the leader before the removal
     */
    public static Assignment onRemoval(List<Node> remaining, String removed, String leader, RoleLimits limits) {
        if (remaining.size() == 1
                && removed.equals(leader)
                && remaining.getFirst().role() != VOTER) {
            Node last = remaining.getFirst();
            return new Assignment(
                    Map.of(last.name(), VOTER), last.name(), List.of(new RoleChange(last.name(), last.role(), VOTER)));
        }
        return rebalance(remaining, leader, limits);
    }

    /** Whether a strict majority of the voters is online. A cluster without voters has no quorum. */
    public static boolean hasQuorum(List<Node> nodes) {
        long voters = nodes.stream().filter(node -> node.role() == VOTER).count();
        long onlineVoters = nodes.stream()
                .filter(node -> node.role() == VOTER && node.online())
                .count();
        return onlineVoters > voters / 2;
    }

    /**
     * The leader after an election among the online voters: the current one if it still qualifies, else the
     * lowest id, members that are not evacuated first. With no online voter nobody can be elected and the title
     * stays with the current leader, or else goes to the voter with the lowest id; {@code null} if there is none.
     */
    private static String elect(List<Node> nodes, String current) {
        Optional<Node> incumbent = nodes.stream()
                .filter(node -> node.name().equals(current) && node.role() == VOTER)
                .findFirst();
        Optional<Node> best = nodes.stream()
                .filter(node -> node.online() && node.role() == VOTER)
                .min(comparing(Node::evacuated).thenComparingLong(Node::id));
        if (best.isEmpty()) {
            return incumbent
                    .or(() ->
                            nodes.stream().filter(node -> node.role() == VOTER).min(comparingLong(Node::id)))
                    .map(Node::name)
                    .orElse(null);
        }
        boolean incumbentQualifies = incumbent
                .filter(Node::online)
                .filter(node -> !node.evacuated() || best.get().evacuated())
                .isPresent();
        return incumbentQualifies ? current : best.get().name();
    }

    private static List<Node> apply(List<Node> nodes, RoleChange change) {
        return nodes.stream()
                .map(node -> node.name().equals(change.node()) ? node.withRole(change.to()) : node)
                .toList();
    }

    private static Map<String, RaftRole> rolesOf(List<Node> nodes) {
        Map<String, RaftRole> roles = new LinkedHashMap<>();
        nodes.forEach(node -> roles.put(node.name(), node.role()));
        return roles;
    }
}
