package dev.muster.gateway.operations;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.operations.OperationCreated;
import dev.muster.events.operations.OperationFinished;
import dev.muster.events.operations.OperationUpdated;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link OperationsView}, the gateway's read model of operations, from {@code muster.operations.v1}: each
 * event applied once (the inbox), in the transaction that writes the view.
 */
@Component
class OperationsFeed {

    private final OperationsView view;
    private final Inbox inbox;
    private final EventReader events;

    OperationsFeed(OperationsView view, Inbox inbox, EventReader events) {
        this.view = view;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(topics = Topics.OPERATIONS, groupId = "gateway-operations")
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case OperationCreated created ->
                    inbox.receive(
                            "operations-view", received.id(), () -> view.created(created.operation(), created.owner()));
                case OperationUpdated updated ->
                    inbox.receive("operations-view", received.id(), () -> view.changed(updated.operation()));
                case OperationFinished finished ->
                    inbox.receive("operations-view", received.id(), () -> view.changed(finished.operation()));
                default -> {} // cancel requests are for the owners
            }
        });
    }
}
