package dev.muster.membership.cluster;

import dev.muster.membership.cluster.ClusterEvent.QuorumChanged;
import dev.muster.membership.cluster.ClusterEvent.RolesAssigned;
import dev.muster.membership.config.ServerConfig;
import dev.muster.membership.roles.Node;
import dev.muster.membership.roles.RaftRole;
import dev.muster.membership.roles.RoleAssignment;
import dev.muster.membership.roles.RoleLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies LXD's role algorithm ({@link RoleAssignment}) to the cluster: new members get their join role,
 * then the roles are rebalanced; the result becomes {@link RolesAssigned}. As in raft, roles only change while a
 * majority of the current voters is online: without it nothing moves and {@link QuorumChanged} says so, until
 * enough voters come back.
 */
final class DatabaseRoles {

    private DatabaseRoles() {}

    static List<ClusterEvent> adjust(ClusterState state) {
        if (!state.enabled() || state.members().isEmpty()) {
            return List.of();
        }
        RoleLimits limits = new RoleLimits(
                state.config().intValue(ServerConfig.MAX_VOTERS), state.config().intValue(ServerConfig.MAX_STANDBY));
        List<Node> nodes = new ArrayList<>();
        for (Member member : state.members().values()) {
            RaftRole role = member.raftRole() != null ? member.raftRole() : RoleAssignment.onJoin(nodes, limits);
            nodes.add(new Node(
                    member.name(), member.id(), member.failureDomain(), role, member.online(), member.evacuated()));
        }
        List<ClusterEvent> events = new ArrayList<>();
        List<Node> settled = nodes;
        boolean leaderRemoved = !state.leader().isEmpty() && !state.members().containsKey(state.leader());
        if (leaderRemoved || RoleAssignment.hasQuorum(nodes)) {
            var assignment = leaderRemoved
                    ? RoleAssignment.onRemoval(nodes, state.leader(), state.leader(), limits)
                    : RoleAssignment.rebalance(nodes, state.leader(), limits);
            Map<String, RaftRole> roles = new LinkedHashMap<>(assignment.roles());
            String leader = assignment.leader() == null ? "" : assignment.leader();
            if (!leader.equals(state.leader())
                    || state.members().values().stream().anyMatch(m -> m.raftRole() != roles.get(m.name()))) {
                events.add(new RolesAssigned(roles, leader));
            }
            settled = nodes.stream().map(n -> n.withRole(roles.get(n.name()))).toList();
        }
        boolean quorum = RoleAssignment.hasQuorum(settled);
        if (quorum != state.quorum()) {
            int voters = (int)
                    settled.stream().filter(n -> n.role() == RaftRole.VOTER).count();
            int onlineVoters = (int) settled.stream()
                    .filter(n -> n.role() == RaftRole.VOTER && n.online())
                    .count();
            events.add(new QuorumChanged(quorum, onlineVoters, voters));
        }
        return events;
    }

    /** LXD 5.x role names: user roles first, then {@code database-leader} + {@code database}, {@code database} or {@code database-standby}. */
    static List<String> apiRoles(Member member, String leader) {
        List<String> roles = new ArrayList<>(member.userRoles());
        if (member.raftRole() != null) {
            roles.addAll(member.raftRole()
                    .apiRoles(
                            member.raftRole() == RaftRole.VOTER && member.name().equals(leader)));
        }
        return roles;
    }
}
