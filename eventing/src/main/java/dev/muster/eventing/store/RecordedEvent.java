package dev.muster.eventing.store;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored: where it sits in its stream ({@code version}) and in the whole store ({@code position}).
 */
public record RecordedEvent(
        String streamId, long version, long position, UUID eventId, Object event, Instant recordedAt) {}
