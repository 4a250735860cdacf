package dev.muster.membership.cluster;

import dev.muster.membership.roles.RaftRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What happened to the cluster: the domain events of its one stream. */
public sealed interface ClusterEvent {

    record ClusterBootstrapped(String serverName, String address, String architecture, String fingerprint, Instant at)
            implements ClusterEvent {}

    record JoinTokenIssued(String operationId, String serverName, String secretDigest, Instant expiresAt)
            implements ClusterEvent {}

    /** A token stopped being usable: consumed by a join, replaced by a newer one, or revoked. */
    record JoinTokenRetired(String serverName, String operationId, String reason) implements ClusterEvent {}

    record MemberJoined(long id, String name, String address, String architecture, String failureDomain, Instant at)
            implements ClusterEvent {}

    record MemberUpdated(
            String name,
            String description,
            String failureDomain,
            Map<String, String> config,
            List<String> groups,
            List<String> userRoles)
            implements ClusterEvent {}

    record MemberRenamed(String from, String to) implements ClusterEvent {}

    record MemberRemoved(String name, boolean forced) implements ClusterEvent {}

    /** Removal of the member was asked for while it held the only copy of some images: those are wanted elsewhere first. */
    record MemberRemovalRequested(String name) implements ClusterEvent {}

    record RolesAssigned(Map<String, RaftRole> roles, String leader) implements ClusterEvent {}

    record MemberWentOffline(String name, Instant lastHeartbeat) implements ClusterEvent {}

    record MemberCameOnline(String name) implements ClusterEvent {}

    record MemberEvacuated(String name, String mode, String operationId) implements ClusterEvent {}

    record MemberRestored(String name, String mode, String operationId) implements ClusterEvent {}

    record QuorumChanged(boolean quorum, int onlineVoters, int voters) implements ClusterEvent {}

    record GroupCreated(String name, String description) implements ClusterEvent {}

    record GroupUpdated(String name, String description, List<String> members) implements ClusterEvent {}

    record GroupRenamed(String from, String to) implements ClusterEvent {}

    record GroupDeleted(String name) implements ClusterEvent {}

    record ServerConfigChanged(Map<String, String> config) implements ClusterEvent {}

    record ClusterDisabled(String lastMember) implements ClusterEvent {}

    /** A storage pool or network was created cluster-wide with its global configuration. */
    record EntityDefined(String kind, String name, String driver, String description, Map<String, String> config)
            implements ClusterEvent {}

    /** A member's own values for a storage pool's or network's member-specific keys. */
    record MemberConfigSet(String kind, String name, String member, String driver, Map<String, String> config)
            implements ClusterEvent {}
}
