package dev.muster.events.operations;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * A service accepted work that takes time and created an LXD operation for it.
 *
 * @param owner the service that runs the operation and handles its cancellation
 */
@EventType(name = "muster.operation.created", version = 1, topic = Topics.OPERATIONS)
public record OperationCreated(Operation operation, String owner) implements PublicEvent {
    @Override
    public String key() {
        return operation.id();
    }
}
