package dev.muster.images.messaging;

import dev.muster.eventing.inbox.CatchUp;
import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.Topics;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.VerifyImage;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemovalRequested;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.MemberUpdated;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.images.application.ReconcileRequests;
import dev.muster.images.application.Replicator;
import dev.muster.images.replication.ClusterMembers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * What replication listens to: the members (membership and health, read whole at every start into
 * {@link ClusterMembers}, which is marked complete once the feed has caught up), each change asking for a
 * replication round; and the agents' answers to copy and verify commands, each applied once.
 */
@Component
class ReplicationEvents {

    private static final String RESULTS = "image-service-copy-results";
    private static final Logger log = LoggerFactory.getLogger(ReplicationEvents.class);

    private final ClusterMembers members;
    private final Replicator replicator;
    private final ReconcileRequests rounds;
    private final Inbox inbox;
    private final EventReader events;
    private final CatchUp catchUp;

    ReplicationEvents(
            ClusterMembers members,
            Replicator replicator,
            ReconcileRequests rounds,
            Inbox inbox,
            EventReader events,
            ConsumerFactory<String, byte[]> consumers) {
        this.members = members;
        this.replicator = replicator;
        this.rounds = rounds;
        this.inbox = inbox;
        this.events = events;
        this.catchUp =
                new CatchUp(consumers, "image-service-members-progress", List.of(Topics.MEMBERSHIP, Topics.HEALTH));
    }

    /** Replication starts once the members are known as they were at start-up, not from a half-read picture. */
    @EventListener(ApplicationReadyEvent.class)
    void completeWhenCaughtUp() {
        Thread.ofPlatform().name("image-members-catch-up").daemon().start(() -> {
            long since = System.nanoTime();
            try {
                catchUp.awaitCaughtUp();
            } catch (InterruptedException e) {
                return;
            }
            members.complete();
            replicator.caughtUp();
            log.info(
                    "Members known ({} of them) after {} ms: replication starts",
                    members.all().size(),
                    Duration.ofNanos(System.nanoTime() - since).toMillis());
            rounds.request();
        });
    }

    @KafkaListener(
            topics = {Topics.MEMBERSHIP, Topics.HEALTH},
            groupId = "#{@musterInstance.groupId('image-service-members')}",
            containerFactory = ViewListeners.FROM_THE_BEGINNING)
    void onMembers(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            Instant at = received.envelope().time();
            switch (received.data()) {
                case MemberJoined joined -> members.joined(joined.name(), joined.failureDomain(), at);
                case MemberUpdated updated -> members.updated(updated.name(), updated.failureDomain());
                case MemberRemoved removed -> {
                    members.removed(removed.name());
                    replicator.memberRemoved(removed.name());
                }
                case MemberRenamed renamed -> members.renamed(renamed.oldName(), renamed.name());
                case MemberRemovalRequested leaving -> members.leaving(leaving.name(), at);
                case MemberEvacuated evacuated -> members.evacuated(evacuated.name(), true);
                case MemberRestored restored -> members.evacuated(restored.name(), false);
                case MemberWentOffline offline -> members.online(offline.name(), false, at);
                case MemberStopped stopped -> members.online(stopped.name(), false, at);
                case MemberCameOnline online -> members.online(online.name(), true, at);
                case ServerConfigChanged changed ->
                    members.minimalReplica(changed.config().get("cluster.images_minimal_replica"));
                default -> {
                    return; // nothing replication weighs
                }
            }
            rounds.request();
        });
        catchUp.consumed(record);
    }

    @KafkaListener(topics = Topics.AGENT_RESULTS, groupId = RESULTS)
    void onResults(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (!(received.data() instanceof CommandResult result)) {
                return;
            }
            // an answer's event id derives from its command's id: an answer delivered twice is applied once
            if (result.answers(CopyImage.class)) {
                inbox.receive(RESULTS, received.id(), () -> replicator.copyAnswered(result));
            } else if (result.answers(VerifyImage.class)) {
                inbox.receive(RESULTS, received.id(), () -> replicator.verifyAnswered(result));
            } else {
                return;
            }
            rounds.request();
        });
    }
}
