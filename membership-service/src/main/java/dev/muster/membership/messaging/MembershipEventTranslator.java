package dev.muster.membership.messaging;

import dev.muster.events.PublicEvent;
import dev.muster.events.membership.ClusterGroupCreated;
import dev.muster.events.membership.ClusterGroupDeleted;
import dev.muster.events.membership.ClusterGroupRenamed;
import dev.muster.events.membership.ClusterGroupUpdated;
import dev.muster.events.membership.JoinTokenCreated;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemovalRequested;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.MemberRolesChanged;
import dev.muster.events.membership.MemberStatusChanged;
import dev.muster.events.membership.MemberUpdated;
import dev.muster.events.membership.QuorumChanged;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.membership.cluster.ClusterEvent;
import dev.muster.membership.cluster.ClusterState;
import dev.muster.membership.cluster.Member;
import dev.muster.membership.members.MemberView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns the cluster's domain events into the public events of {@code muster.membership.v1}. The only place
 * where the two meet: domain events can change freely, public ones only additively.
 */
@Component
public class MembershipEventTranslator {

    private final Clock clock;

    public MembershipEventTranslator(Clock clock) {
        this.clock = clock;
    }

    /** The public events for one domain event, given the state before and after it. */
    public List<PublicEvent> translate(ClusterEvent event, ClusterState before, ClusterState after) {
        return switch (event) {
            case ClusterEvent.JoinTokenIssued e ->
                List.of(new JoinTokenCreated(e.serverName(), e.operationId(), e.expiresAt()));
            case ClusterEvent.MemberJoined e -> {
                Member m = after.members().get(e.name());
                // its database role follows in the same decision, as MemberRolesChanged
                yield List.of(new MemberJoined(
                        m.name(),
                        "https://" + m.address(),
                        m.architecture(),
                        m.failureDomain(),
                        m.groups(),
                        m.userRoles()));
            }
            case ClusterEvent.MemberUpdated e -> {
                Member m = after.members().get(e.name());
                yield List.of(new MemberUpdated(
                        m.name(), m.description(), m.failureDomain(), m.config(), m.groups(), after.apiRoles(m)));
            }
            case ClusterEvent.MemberRenamed e -> List.of(new MemberRenamed(e.to(), e.from()));
            case ClusterEvent.MemberRemoved e -> List.of(new MemberRemoved(e.name(), e.forced()));
            case ClusterEvent.MemberRemovalRequested e -> List.of(new MemberRemovalRequested(e.name()));
            case ClusterEvent.RolesAssigned e -> rolesChanged(before, after);
            case ClusterEvent.MemberWentOffline e -> status(after, e.name());
            case ClusterEvent.MemberCameOnline e -> status(after, e.name());
            case ClusterEvent.MemberEvacuated e -> List.of(new MemberEvacuated(e.name(), e.mode(), e.operationId()));
            case ClusterEvent.MemberRestored e -> List.of(new MemberRestored(e.name(), e.mode(), e.operationId()));
            case ClusterEvent.QuorumChanged e -> List.of(new QuorumChanged(e.quorum(), e.onlineVoters(), e.voters()));
            case ClusterEvent.GroupCreated e ->
                List.of(new ClusterGroupCreated(e.name(), e.description(), after.groupMembers(e.name())));
            case ClusterEvent.GroupUpdated e ->
                List.of(new ClusterGroupUpdated(e.name(), e.description(), after.groupMembers(e.name())));
            case ClusterEvent.GroupRenamed e -> List.of(new ClusterGroupRenamed(e.to(), e.from()));
            case ClusterEvent.GroupDeleted e -> List.of(new ClusterGroupDeleted(e.name()));
            case ClusterEvent.ServerConfigChanged e -> List.of(new ServerConfigChanged(e.config()));
            case ClusterEvent.ClusterBootstrapped e -> List.of();
            case ClusterEvent.EntityDefined e -> List.of();
            case ClusterEvent.MemberConfigSet e -> List.of();
            case ClusterEvent.JoinTokenRetired e -> List.of();
            case ClusterEvent.ClusterDisabled e ->
                before.members().keySet().stream()
                        .<PublicEvent>map(name -> new MemberRemoved(name, true))
                        .toList();
        };
    }

    private static List<PublicEvent> rolesChanged(ClusterState before, ClusterState after) {
        List<PublicEvent> events = new ArrayList<>();
        for (Member member : after.members().values()) {
            Member previous = before.members().get(member.name());
            List<String> now = after.apiRoles(member);
            if (previous == null
                    || previous.raftRole() == null
                    || !before.apiRoles(previous).equals(now)) {
                events.add(new MemberRolesChanged(
                        member.name(), now, now.stream().anyMatch(r -> r.startsWith("database"))));
            }
        }
        return events;
    }

    private List<PublicEvent> status(ClusterState after, String name) {
        Member member = after.members().get(name);
        if (member == null) {
            return List.of();
        }
        MemberView view = MemberView.of(member, after, clock.instant());
        return List.of(new MemberStatusChanged(name, view.status(), view.message()));
    }
}
