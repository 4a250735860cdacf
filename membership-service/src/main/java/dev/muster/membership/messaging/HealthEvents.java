package dev.muster.membership.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.health.MemberCameOnline;
import dev.muster.events.health.MemberStopped;
import dev.muster.events.health.MemberWentOffline;
import dev.muster.membership.application.ClusterService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Members go offline (no heartbeat, or a planned stop) and come back as the health monitor says; database roles
 * follow. Each event once.
 */
@Component
class HealthEvents {

    private final ClusterService cluster;
    private final Inbox inbox;
    private final EventReader events;

    HealthEvents(ClusterService cluster, Inbox inbox, EventReader events) {
        this.cluster = cluster;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = Topics.HEALTH, groupId = "membership-service-health")
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case MemberWentOffline offline ->
                    inbox.receive(
                            "health",
                            received.id(),
                            () -> cluster.executeEvents(
                                    c -> c.memberWentOffline(offline.name(), offline.lastHeartbeat())));
                case MemberStopped stopped ->
                    inbox.receive(
                            "health",
                            received.id(),
                            () -> cluster.executeEvents(c -> c.memberWentOffline(stopped.name(), stopped.at())));
                case MemberCameOnline online ->
                    inbox.receive(
                            "health",
                            received.id(),
                            () -> cluster.executeEvents(c -> c.memberCameOnline(online.name())));
                default -> {}
            }
        });
    }
}
