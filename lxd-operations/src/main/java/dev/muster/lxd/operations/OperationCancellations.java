package dev.muster.lxd.operations;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.operations.OperationCancelRequested;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Carries out {@code DELETE /1.0/operations/{id}} for the operations this service owns: the gateway asks
 * on {@code muster.operations.v1}; a running, cancellable operation is cancelled once, whatever redelivery.
 */
public final class OperationCancellations {

    private final Operations operations;
    private final Inbox inbox;
    private final EventReader events;
    private final String owner;
    private final List<OperationCancelHandler> handlers;

    public OperationCancellations(
            Operations operations,
            Inbox inbox,
            EventReader events,
            String owner,
            List<OperationCancelHandler> handlers) {
        this.operations = operations;
        this.inbox = inbox;
        this.events = events;
        this.owner = owner;
        this.handlers = handlers;
    }

    @KafkaListener(
            topics = dev.muster.events.Topics.OPERATIONS,
            groupId = "${spring.application.name}-operation-cancellations")
    public void on(ConsumerRecord<String, byte[]> record) {
        var received = events.read(record).orElse(null);
        if (received == null
                || !(received.data() instanceof OperationCancelRequested request)
                || !owner.equals(request.owner())) {
            return;
        }
        inbox.receive(
                "operation-cancellations",
                received.id(),
                () -> operations
                        .find(request.operationId())
                        .filter(op -> !op.isFinal() && op.mayCancel())
                        .ifPresent(op -> {
                            handlers.forEach(handler -> handler.onCancel(op));
                            operations.cancel(op.id());
                        }));
    }
}
