package dev.muster.eventing.inbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * How far a listener that rebuilds a view from whole topics has read: caught up once it has consumed, in every
 * partition of the topics, what those partitions held when {@link #recordStartingEnds()} looked. A view is only
 * trusted for decisions after that.
 *
 * <p>Looking where the topics end needs Kafka: while it does not answer, {@link #awaitCaughtUp()} keeps trying, with
 * back-off, for as long as it takes, and {@link #waitingFor()} says why it waits (for the service's health). A
 * broker that is slow at start-up must not end the work that waits for the catch-up.
 */
public final class CatchUp {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final ConsumerFactory<String, byte[]> consumers;
    private final List<String> topics;
    private final String clientId;
    private final Duration kafkaTimeout;
    private final Map<TopicPartition, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> startingEnds;
    private volatile String waitingFor = "";

    public CatchUp(ConsumerFactory<String, byte[]> consumers, String clientId, Collection<String> topics) {
        this(consumers, clientId, topics, Duration.ofSeconds(30));
    }

    /** @param kafkaTimeout how long one look at where the topics end may wait for Kafka before it is tried again */
    public CatchUp(
            ConsumerFactory<String, byte[]> consumers,
            String clientId,
            Collection<String> topics,
            Duration kafkaTimeout) {
        this.consumers = consumers;
        this.clientId = clientId;
        this.topics = List.copyOf(topics);
        this.kafkaTimeout = kafkaTimeout;
    }

    public void consumed(ConsumerRecord<?, ?> record) {
        consumed.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Reads, once, where each partition of the topics ends now. */
    public void recordStartingEnds() {
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(clientId, "")) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, kafkaTimeout).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            startingEnds = Map.copyOf(consumer.endOffsets(partitions, kafkaTimeout));
        }
    }

    /**
     * Records where the topics end now, then waits until the listener has read that far.
     *
     * @throws InterruptedException if the waiting thread is interrupted first
     */
    public void awaitCaughtUp() throws InterruptedException {
        Duration pause = Duration.ofMillis(200);
        waitingFor = "Kafka, to learn where " + String.join(", ", topics) + " end";
        while (startingEnds == null) {
            try {
                recordStartingEnds();
            } catch (KafkaException e) {
                waitingFor = "Kafka, to learn where " + String.join(", ", topics) + " end: " + e;
                log.warn("Catching up {}: Kafka does not answer ({}), trying again in {}", clientId, e, pause);
                Thread.sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
        waitingFor = "the listener, to read " + String.join(", ", topics) + " up to where they ended at start";
        synchronized (this) {
            while (!caughtUp()) {
                wait(); // woken by each record consumed
            }
        }
    }

    /** What the catch-up waits for, or empty once caught up. */
    public String waitingFor() {
        return caughtUp() ? "" : waitingFor;
    }

    public boolean caughtUp() {
        Map<TopicPartition, Long> ends = startingEnds;
        return ends != null
                && ends.entrySet().stream()
                        .allMatch(end ->
                                end.getValue() == 0 || consumed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }
}
