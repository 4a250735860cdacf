package dev.muster.health;

import dev.muster.events.EventCodec;
import dev.muster.events.PublicEvent;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.events.heartbeats.MemberState;
import dev.muster.events.membership.MemberJoined;
import dev.muster.events.membership.ServerConfigChanged;
import dev.muster.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays membership and the members' agents on the test broker, as the real producers would. */
final class Fleet {

    /** The thresholds every test of this module runs with (the membership topic is shared by the test JVM). */
    static final Map<String, String> CONFIG =
            Map.of("cluster.offline_threshold", "10", "cluster.healing_threshold", "12");

    static final MemberState STATE = new MemberState(
            new MemberState.SysInfo(
                    3600,
                    List.of(0.5, 0.25, 0.125),
                    8L << 30,
                    4L << 30,
                    1L << 20,
                    2L << 20,
                    1L << 30,
                    1L << 29,
                    321,
                    4),
            Map.of(
                    "default",
                    new MemberState.StoragePoolState(
                            new MemberState.Usage(10L << 30, 100L << 30), new MemberState.Usage(1000, 65536))),
            new MemberState.Resources(new MemberState.Cpu("x86_64", 4), new MemberState.Memory(4L << 30, 8L << 30)));

    private static final KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(TestInfrastructure.kafkaClientConfig(
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG,
                    0));
    private static final EventCodec codec = new EventCodec("/muster/test-fleet");
    private static final AtomicLong sequence = new AtomicLong();

    private Fleet() {}

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void configureThresholds() {
        send(new ServerConfigChanged(CONFIG));
    }

    static void joined(String member) {
        send(new MemberJoined(member, "https://10.0.0.9:8443", "x86_64", "default", List.of("default"), List.of()));
    }

    static void heartbeat(String member, String probeUrl, boolean stopping) {
        send(new Heartbeat(member, sequence.incrementAndGet(), Instant.now(), probeUrl, STATE, stopping));
    }

    static void send(PublicEvent event) {
        try {
            producer.send(new ProducerRecord<>(topicOf(event), event.key(), codec.toBytes(codec.envelope(event))))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
    }

    private static String topicOf(PublicEvent event) {
        return dev.muster.events.PublicEvents.typeOf(event.getClass()).topic();
    }

    /** A member's agent heartbeating at a fixed period until stopped. */
    static final class Agent implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final String member;
        private final String probeUrl;
        private volatile Instant lastSent;

        private Agent(String member, String probeUrl) {
            this.member = member;
            this.probeUrl = probeUrl;
        }

        static Agent beating(String member, String probeUrl, Duration period) {
            Agent agent = new Agent(member, probeUrl);
            agent.timer.scheduleAtFixedRate(agent::beat, 0, period.toMillis(), TimeUnit.MILLISECONDS);
            return agent;
        }

        private void beat() {
            heartbeat(member, probeUrl, false);
            lastSent = Instant.now();
        }

        /** Stops heartbeating (a crash, from the cluster's point of view). */
        Instant silence() {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lastSent;
        }

        @Override
        public void close() {
            silence();
        }
    }
}
