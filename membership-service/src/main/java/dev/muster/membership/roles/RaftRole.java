package dev.muster.membership.roles;

import java.util.List;

/** A member's place in the raft group that replicates the cluster database. */
public enum RaftRole {
    /** Replicates the log and votes; the leader is one of them. */
    VOTER,
    /** Replicates the log without voting, ready to be promoted. */
    STANDBY,
    /** Holds no copy of the database. */
    SPARE;

    /**
     * The automatic roles LXD 5.x reports for a member in this role: the leader lists {@code database-leader} and
     * {@code database}, other voters {@code database}, stand-bys {@code database-standby}, spares nothing.
     *
     * @throws IllegalArgumentException if {@code leader} is set on a member that is not a voter
     */
    public List<String> apiRoles(boolean leader) {
        if (leader && this != VOTER) {
            throw new IllegalArgumentException("Only a voter can lead, not a " + this);
        }
        return switch (this) {
            case VOTER -> leader ? List.of("database-leader", "database") : List.of("database");
            case STANDBY -> List.of("database-standby");
            case SPARE -> List.of();
        };
    }
}
