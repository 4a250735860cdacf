package dev.muster.images.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.MemberUpdated;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.images.replication.ClusterMembers;
import dev.muster.images.replication.ReconcileRequests;
import dev.muster.images.replication.Replicator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What replication listens to: the members (membership and health, read whole at every start into
 * {@link ClusterMembers}), each change asking for a replication round; and the agents' answers to copy commands,
 * each applied once.
 */
@Component
class ReplicationEvents {

    private static final String RESULTS = "image-service-copy-results";

    private final ClusterMembers members;
    private final Replicator replicator;
    private final ReconcileRequests rounds;
    private final Inbox inbox;
    private final EventReader events;

    ReplicationEvents(ClusterMembers members, Replicator replicator, ReconcileRequests rounds, Inbox inbox, EventReader events) {
        this.members = members;
        this.replicator = replicator;
        this.rounds = rounds;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = {Topics.MEMBERSHIP, Topics.HEALTH}, groupId = "#{'image-service-members-' + T(java.util.UUID).randomUUID()}")
    void onMembers(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case MemberJoined joined -> members.joined(joined.name(), joined.failureDomain());
                case MemberUpdated updated -> members.updated(updated.name(), updated.failureDomain());
                case MemberRemoved removed -> {
                    members.removed(removed.name());
                    replicator.memberRemoved(removed.name());
                }
                case MemberRenamed renamed -> members.renamed(renamed.oldName(), renamed.name());
                case MemberEvacuated evacuated -> members.evacuated(evacuated.name(), true);
                case MemberRestored restored -> members.evacuated(restored.name(), false);
                case MemberWentOffline offline -> members.online(offline.name(), false);
                case MemberStopped stopped -> members.online(stopped.name(), false);
                case MemberCameOnline online -> members.online(online.name(), true);
                case ServerConfigChanged changed -> members.minimalReplica(changed.config().get("cluster.images_minimal_replica"));
                default -> {
                    return;
                }
            }
            rounds.request();
        });
    }

    @KafkaListener(topics = Topics.AGENT_RESULTS, groupId = RESULTS)
    void onResults(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (received.data() instanceof AgentResult result && "image-copy".equals(result.action())) {
                inbox.receive(RESULTS, received.id(), () -> replicator.copyAnswered(result.commandId(), "done".equals(result.status()), result.message()));
                rounds.request();
            } else if (received.data() instanceof AgentResult result && "image-verify".equals(result.action())) {
                inbox.receive(RESULTS, received.id(), () -> replicator.verifyAnswered(result.target(), result.member(),
                        "done".equals(result.status()), result.message()));
                rounds.request();
            }
        });
    }
}
