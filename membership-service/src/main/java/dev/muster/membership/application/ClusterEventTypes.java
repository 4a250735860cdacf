package dev.muster.membership.application;

import dev.muster.eventing.store.DomainEventTypes;
import dev.muster.membership.cluster.ClusterEvent;

/** The stored names of the cluster's domain events: chosen once, never derived from class names. */
public final class ClusterEventTypes {

    private ClusterEventTypes() {}

    public static DomainEventTypes all() {
        return new DomainEventTypes()
                .register(ClusterEvent.ClusterBootstrapped.class, "membership.cluster-bootstrapped")
                .register(ClusterEvent.JoinTokenIssued.class, "membership.join-token-issued")
                .register(ClusterEvent.JoinTokenRetired.class, "membership.join-token-retired")
                .register(ClusterEvent.MemberJoined.class, "membership.member-joined")
                .register(ClusterEvent.MemberUpdated.class, "membership.member-updated")
                .register(ClusterEvent.MemberRenamed.class, "membership.member-renamed")
                .register(ClusterEvent.MemberRemoved.class, "membership.member-removed")
                .register(ClusterEvent.MemberRemovalRequested.class, "membership.member-removal-requested")
                .register(ClusterEvent.RolesAssigned.class, "membership.roles-assigned")
                .register(ClusterEvent.MemberWentOffline.class, "membership.member-went-offline")
                .register(ClusterEvent.MemberCameOnline.class, "membership.member-came-online")
                .register(ClusterEvent.MemberEvacuated.class, "membership.member-evacuated")
                .register(ClusterEvent.MemberRestored.class, "membership.member-restored")
                .register(ClusterEvent.QuorumChanged.class, "membership.quorum-changed")
                .register(ClusterEvent.GroupCreated.class, "membership.group-created")
                .register(ClusterEvent.GroupUpdated.class, "membership.group-updated")
                .register(ClusterEvent.GroupRenamed.class, "membership.group-renamed")
                .register(ClusterEvent.GroupDeleted.class, "membership.group-deleted")
                .register(ClusterEvent.ServerConfigChanged.class, "membership.server-config-changed")
                .register(ClusterEvent.ClusterDisabled.class, "membership.cluster-disabled")
                .register(ClusterEvent.EntityDefined.class, "membership.entity-defined")
                .register(ClusterEvent.MemberConfigSet.class, "membership.member-config-set");
    }
}
