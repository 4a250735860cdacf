package dev.muster.events.operations;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/** An operation reached a final status: Success, Failure (with {@code err}) or Cancelled. */
@EventType(name = "muster.operation.finished", version = 1, topic = Topics.OPERATIONS)
public record OperationFinished(Operation operation) implements PublicEvent {
    @Override
    public String key() {
        return operation.id();
    }
}
