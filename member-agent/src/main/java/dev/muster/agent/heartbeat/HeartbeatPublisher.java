package dev.muster.agent.heartbeat;

import dev.muster.events.EventCodec;
import dev.muster.events.Topics;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.kafka.access.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends heartbeats to {@value Topics#HEARTBEATS}, fire and forget, without ever piling them up: a member has at
 * most one heartbeat on its way (a newer one is dropped while the older is unacknowledged), Kafka gives up on a
 * heartbeat after a few intervals, and while the broker cannot be reached at all every heartbeat is dropped for one
 * interval instead of blocking the sender. A stale heartbeat is worthless; only fresh ones say a member lives.
 */
public final class HeartbeatPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    /** What happened to the heartbeats so far. */
    public record Counts(long sent, long acknowledged, long dropped, long failed) {}

    private final Producer<String, byte[]> producer;
    private final EventCodec codec;
    private final Clock clock;
    private final Duration interval;
    private final Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long unreachableUntilNanos;
    private volatile boolean warnedUnreachable;

    public HeartbeatPublisher(Producer<String, byte[]> producer, EventCodec codec, Clock clock, Duration interval) {
        this.producer = producer;
        this.codec = codec;
        this.clock = clock;
        this.interval = interval;
    }

    /** A producer tuned for heartbeats: small linger, leader acknowledgement only, short delivery timeout. */
    public static Producer<String, byte[]> producer(KafkaConnection kafka, String clientId, Duration interval) {
        long requestTimeout = Math.max(2000, interval.toMillis());
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                Math.max(3 * interval.toMillis(), requestTimeout + 1000));
        // partitions added to the topic are seen within half a minute, so a member's heartbeats soon land where its
        // monitor expects them
        config.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /**
     * Sends the member's next heartbeat unless its previous one is still on its way or the broker is unreachable.
     *
     * @return whether it was sent (the heartbeat is only made when it is)
     */
    public boolean publish(HeartbeatingMember member) {
        if (System.nanoTime() - unreachableUntilNanos < 0 || !unacknowledged.add(member.name())) {
            dropped.incrementAndGet();
            return false;
        }
        return send(member.name(), () -> member.nextHeartbeat(clock.instant()));
    }

    /** Sends the member's last heartbeat, saying it stops on purpose; it does not wait for older ones. */
    public void publishLast(HeartbeatingMember member) {
        unacknowledged.add(member.name());
        send(member.name(), () -> member.lastHeartbeat(clock.instant()));
    }

    private boolean send(String member, Supplier<Heartbeat> made) {
        Heartbeat heartbeat = made.get();
        if (heartbeat == null) {
            unacknowledged.remove(member);
            return false;
        }
        byte[] bytes = codec.toBytes(codec.envelope(heartbeat));
        try {
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS, member, bytes), (metadata, error) -> {
                unacknowledged.remove(member);
                if (error == null) {
                    acknowledged.incrementAndGet();
                    warnedUnreachable = false;
                } else {
                    failed.incrementAndGet();
                }
            });
            sent.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            // typically a timeout waiting for the broker's metadata: back off for one interval instead of blocking
            // again
            unacknowledged.remove(member);
            failed.incrementAndGet();
            unreachableUntilNanos = System.nanoTime() + interval.toNanos();
            if (!warnedUnreachable) {
                warnedUnreachable = true;
                log.warn("Heartbeats cannot reach Kafka, dropping them until it answers: {}", e.getMessage());
            }
            return false;
        }
    }

    public Counts counts() {
        return new Counts(sent.get(), acknowledged.get(), dropped.get(), failed.get());
    }

    /** Waits up to {@code timeout} for the heartbeats on their way, then closes the producer. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
