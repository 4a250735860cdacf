package dev.muster.membership.roles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a role computation.
 *
 * @param roles every member's raft role, in the order the members were given
 * @param leader the member that leads; {@code null} only when no member is a voter
 * @param changes the promotions and demotions that led here from the given roles, in order
 */
public record Assignment(Map<String, RaftRole> roles, String leader, List<RoleChange> changes) {

    public Assignment {
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        changes = List.copyOf(changes);
    }

    /** The automatic roles LXD 5.x reports for the member, e.g. {@code [database-leader, database]}. */
    public List<String> apiRolesOf(String node) {
        RaftRole role = roles.get(node);
        if (role == null) {
            throw new IllegalArgumentException("No member named " + node);
        }
        return role.apiRoles(node.equals(leader));
    }

    /** The given members with the roles of this assignment. */
    public List<Node> applyTo(List<Node> nodes) {
        return nodes.stream()
                .map(node -> node.withRole(roles.getOrDefault(node.name(), node.role())))
                .toList();
    }
}
