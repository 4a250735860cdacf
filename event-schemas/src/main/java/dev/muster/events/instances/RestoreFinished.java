package dev.muster.events.instances;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;

/**
 * The instances evacuated from {@code member} are back on it ({@code moved}) and those it kept were started again
 * ({@code started}); membership completes the restore's operation {@code operationId}.
 */
@EventType(name = "muster.restore.finished", version = 1, topic = Topics.INSTANCES)
public record RestoreFinished(String member, String operationId, int moved, int started) implements PublicEvent {
    @Override
    public String key() {
        return member;
    }
}
