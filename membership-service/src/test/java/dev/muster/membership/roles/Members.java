package dev.muster.membership.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test shorthand for clusters: member {@code nN} has id N, is online, not evacuated, in the default domain. */
final class Members {

    private final Node node;

    private Members(Node node) {
        this.node = node;
    }

    static Members voter(int id) {
        return member(id, RaftRole.VOTER);
    }

    static Members standby(int id) {
        return member(id, RaftRole.STANDBY);
    }

    static Members spare(int id) {
        return member(id, RaftRole.SPARE);
    }

    static Members member(int id, RaftRole role) {
        return new Members(new Node("n" + id, id, Node.DEFAULT_FAILURE_DOMAIN, role, true, false));
    }

    Members in(String failureDomain) {
        return new Members(
                new Node(node.name(), node.id(), failureDomain, node.role(), node.online(), node.evacuated()));
    }

    Members offline() {
        return new Members(
                new Node(node.name(), node.id(), node.failureDomain(), node.role(), false, node.evacuated()));
    }

    Members evacuated() {
        return new Members(new Node(node.name(), node.id(), node.failureDomain(), node.role(), node.online(), true));
    }

    static List<Node> cluster(Members... members) {
        return Stream.of(members).map(member -> member.node).toList();
    }

    /** A cluster grown one member at a time from nothing, each join followed by a rebalance, as LXD does. */
    static Assignment joined(int size, RoleLimits limits) {
        List<Node> nodes = new ArrayList<>();
        String leader = null;
        Assignment assignment = null;
        for (int id = 1; id <= size; id++) {
            nodes.add(new Node(
                    "n" + id, id, Node.DEFAULT_FAILURE_DOMAIN, RoleAssignment.onJoin(nodes, limits), true, false));
            assignment = RoleAssignment.rebalance(nodes, leader, limits);
            nodes = new ArrayList<>(assignment.applyTo(nodes));
            leader = assignment.leader();
        }
        return assignment;
    }

    static List<String> withRole(Assignment assignment, RaftRole role) {
        return assignment.roles().entrySet().stream()
                .filter(e -> e.getValue() == role)
                .map(e -> e.getKey())
                .toList();
    }
}
