package dev.muster.benchmarks;

import dev.muster.events.EventType;
import dev.muster.events.PublicEvent;

/**
 * What the outbox benchmark publishes: on a topic of its own, so that a running stack's consumers never see it.
 *
 * @param appendedNanos when it was appended (this JVM's nano clock), for the latency probe
 * @param appendedMillis the same on the wall clock, to compare with the Kafka record's timestamp
 */
@EventType(name = "muster.benchmark.event", version = 1, topic = BenchmarkEvent.TOPIC)
public record BenchmarkEvent(String entity, int sequence, long appendedNanos, long appendedMillis)
        implements PublicEvent {

    public static final String TOPIC = "muster.benchmark.v1";

    @Override
    public String key() {
        return entity;
    }
}
