package dev.muster.membership.roles;

import java.util.Objects;

/** One promotion or demotion, in the order the rebalance loop made it. */
public record RoleChange(String node, RaftRole from, RaftRole to) {

    public RoleChange {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException(node + " already is a " + to);
        }
    }
}
