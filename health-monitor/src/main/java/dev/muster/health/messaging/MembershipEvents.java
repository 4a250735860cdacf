package dev.muster.health.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.Topics;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.events.membership.MemberRenamed;
import dev.muster.events.membership.MemberRestored;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.health.liveness.LivenessDetector;
import dev.muster.health.liveness.Thresholds;
import dev.muster.health.members.KnownMembers;
import dev.muster.health.members.ServerConfig;
import dev.muster.health.state.LatestHeartbeats;
import dev.muster.health.state.LivenessRecords;
import dev.muster.health.state.MemberStates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns the members and the thresholds from membership. Every instance reads all of it (a consumer group of its
 * own, from the beginning) for its detector; the shared tables are changed once per event, through the inbox.
 */
@Component
class MembershipEvents {

    private static final String CONSUMER = "health-monitor-membership";

    private final LivenessDetector detector;
    private final KnownMembers members;
    private final ServerConfig config;
    private final MemberStates states;
    private final LivenessRecords records;
    private final LatestHeartbeats latest;
    private final Inbox inbox;
    private final EventReader events;

    MembershipEvents(
            LivenessDetector detector,
            KnownMembers members,
            ServerConfig config,
            MemberStates states,
            LivenessRecords records,
            LatestHeartbeats latest,
            Inbox inbox,
            EventReader events) {
        this.detector = detector;
        this.members = members;
        this.config = config;
        this.states = states;
        this.records = records;
        this.latest = latest;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(
            topics = Topics.MEMBERSHIP,
            groupId = "#{@musterInstance.groupId('health-monitor-membership')}",
            containerFactory = ViewListeners.FROM_THE_BEGINNING)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            String id = received.id();
            switch (received.data()) {
                case MemberJoined joined -> {
                    inbox.receive(CONSUMER, id, () -> members.joined(joined.name()));
                    detector.memberJoined(joined.name());
                }
                case MemberRemoved removed -> {
                    inbox.receive(CONSUMER, id, () -> {
                        members.removed(removed.name());
                        states.delete(removed.name());
                        records.delete(removed.name());
                    });
                    detector.memberRemoved(removed.name());
                    latest.forget(removed.name());
                }
                case MemberRenamed renamed -> {
                    inbox.receive(CONSUMER, id, () -> {
                        members.renamed(renamed.oldName(), renamed.name());
                        states.rename(renamed.oldName(), renamed.name());
                        records.rename(renamed.oldName(), renamed.name());
                    });
                    detector.memberRenamed(renamed.oldName(), renamed.name());
                    latest.forget(renamed.oldName());
                }
                case MemberEvacuated evacuated -> {
                    inbox.receive(CONSUMER, id, () -> members.evacuated(evacuated.name(), true));
                    detector.memberEvacuated(evacuated.name());
                }
                case MemberRestored restored -> {
                    inbox.receive(CONSUMER, id, () -> members.evacuated(restored.name(), false));
                    detector.memberRestored(restored.name());
                }
                case ServerConfigChanged changed -> {
                    inbox.receive(CONSUMER, id, () -> config.replace(changed.config()));
                    detector.thresholdsChanged(Thresholds.fromServerConfig(changed.config()));
                }
                default -> {}
            }
        });
    }
}
