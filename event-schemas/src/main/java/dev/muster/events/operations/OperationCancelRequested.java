package dev.muster.events.operations;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * A client asked to cancel an operation ({@code DELETE /1.0/operations/{id}}). The owner decides and
 * answers with {@link OperationFinished} (Cancelled) or leaves it running.
 */
@EventType(name = "muster.operation.cancel-requested", version = 1, topic = Topics.OPERATIONS)
public record OperationCancelRequested(String operationId, String owner) implements PublicEvent {
    @Override
    public String key() {
        return operationId;
    }
}
