package dev.muster.events.operations;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** A running operation changed: status (e.g. Cancelling) or progress metadata. Carries the whole operation. */
@EventType(name = "muster.operation.updated", version = 1, topic = Topics.OPERATIONS)
public record OperationUpdated(Operation operation) implements PublicEvent {
    @Override
    public String key() {
        return operation.id();
    }
}
