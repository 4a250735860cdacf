package dev.muster.membership.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.instances.EvacuationFinished;
import dev.muster.events.instances.MemberHealed;
import dev.muster.events.instances.RestoreFinished;
import dev.muster.lxd.operations.Operations;
import dev.muster.membership.application.ClusterService;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The scheduler's answers to membership's evacuate and restore requests complete their operations; a healed member
 * becomes Evacuated. Each event once.
 */
@Component
class SchedulerEvents {

    private static final String CONSUMER = "membership-service-scheduler";

    private final ClusterService cluster;
    private final Operations operations;
    private final Inbox inbox;
    private final EventReader events;

    SchedulerEvents(ClusterService cluster, Operations operations, Inbox inbox, EventReader events) {
        this.cluster = cluster;
        this.operations = operations;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = Topics.INSTANCES, groupId = CONSUMER)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case EvacuationFinished finished ->
                    inbox.receive(
                            CONSUMER,
                            received.id(),
                            () -> complete(
                                    finished.operationId(),
                                    Map.of("moved", finished.moved(), "stayed", finished.stayed())));
                case RestoreFinished finished ->
                    inbox.receive(
                            CONSUMER,
                            received.id(),
                            () -> complete(
                                    finished.operationId(),
                                    Map.of("moved", finished.moved(), "started", finished.started())));
                case MemberHealed healed ->
                    inbox.receive(
                            CONSUMER, received.id(), () -> cluster.executeEvents(c -> c.markHealed(healed.member())));
                default -> {}
            }
        });
    }

    private void complete(String operationId, Map<String, Object> metadata) {
        if (operationId == null || operationId.isEmpty()) {
            return; // healing has no operation
        }
        operations
                .find(operationId)
                .filter(operation -> !operation.isFinal())
                .ifPresent(operation -> operations.succeed(operationId, metadata));
    }
}
