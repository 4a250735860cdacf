package dev.muster.events;

import dev.muster.events.membership.ClusterGroupCreated;
import dev.muster.events.membership.ClusterGroupDeleted;
import dev.muster.events.membership.ClusterGroupRenamed;
import dev.muster.events.membership.ClusterGroupUpdated;
import dev.muster.events.membership.JoinTokenCreated;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.MemberRolesChanged;
import dev.muster.events.membership.MemberStatusChanged;
import dev.muster.events.membership.MemberUpdated;
import dev.muster.events.membership.QuorumChanged;
import dev.muster.events.membership.ServerConfigChanged;
import java.util.Optional;

/**
 * How LXD reports a public event as a lifecycle event on {@code /1.0/events}: LXD's action name and the URL of the
 * entity ({@code source}). One table for every event type, so that the records stay plain data.
 *
 * @param action LXD's lifecycle action, e.g. {@code cluster-member-added}
 * @param source the entity's URL, e.g. {@code /1.0/cluster/members/m1}
 */
public record LxdLifecycle(String action, String source) {

    private static final String MEMBERS = "/1.0/cluster/members/";
    private static final String GROUPS = "/1.0/cluster/groups/";

    /** The lifecycle event LXD would send for {@code event}; empty for events LXD has no lifecycle action for. */
    public static Optional<LxdLifecycle> of(PublicEvent event) {
        LxdLifecycle lifecycle = switch (event) {
            case MemberJoined e -> new LxdLifecycle("cluster-member-added", MEMBERS + e.name());
            case MemberRemoved e -> new LxdLifecycle("cluster-member-removed", MEMBERS + e.name());
            case MemberRenamed e -> new LxdLifecycle("cluster-member-renamed", MEMBERS + e.name());
            case MemberEvacuated e -> new LxdLifecycle("cluster-member-evacuated", MEMBERS + e.name());
            case MemberRestored e -> new LxdLifecycle("cluster-member-restored", MEMBERS + e.name());
            case MemberUpdated e -> memberUpdated(e.name());
            case MemberRolesChanged e -> memberUpdated(e.name());
            case MemberStatusChanged e -> memberUpdated(e.name());
            case QuorumChanged e -> new LxdLifecycle("cluster-member-updated", "/1.0/cluster");
            case JoinTokenCreated e -> new LxdLifecycle("cluster-token-created", "/1.0/cluster/members/members");
            case ClusterGroupCreated e -> new LxdLifecycle("cluster-group-created", GROUPS + e.name());
            case ClusterGroupUpdated e -> new LxdLifecycle("cluster-group-updated", GROUPS + e.name());
            case ClusterGroupRenamed e -> new LxdLifecycle("cluster-group-renamed", GROUPS + e.name());
            case ClusterGroupDeleted e -> new LxdLifecycle("cluster-group-deleted", GROUPS + e.name());
            case ServerConfigChanged e -> new LxdLifecycle("config-updated", "/1.0");
            default -> null;
        };
        return Optional.ofNullable(lifecycle);
    }

    private static LxdLifecycle memberUpdated(String member) {
        return new LxdLifecycle("cluster-member-updated", MEMBERS + member);
    }
}
