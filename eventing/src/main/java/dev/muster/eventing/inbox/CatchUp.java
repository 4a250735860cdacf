package dev.muster.eventing.inbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * How far a listener that rebuilds a view from whole topics has read: caught up once it has consumed, in every
 * partition of the topics, what those partitions held when {@link #recordStartingEnds()} looked. A view is only
 * trusted for decisions after that.
 */
public final class CatchUp {

    private final ConsumerFactory<String, byte[]> consumers;
    private final List<String> topics;
    private final String clientId;
    private final Map<TopicPartition, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> startingEnds;

    public CatchUp(ConsumerFactory<String, byte[]> consumers, String clientId, Collection<String> topics) {
        this.consumers = consumers;
        this.clientId = clientId;
        this.topics = List.copyOf(topics);
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
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            startingEnds = Map.copyOf(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        }
    }

    /**
     * Records where the topics end now, then waits until the listener has read that far.
     *
     * @throws InterruptedException if the waiting thread is interrupted first
     */
    public void awaitCaughtUp() throws InterruptedException {
        recordStartingEnds();
        synchronized (this) {
            while (!caughtUp()) {
                wait(); // woken by each record consumed
            }
        }
    }

    public boolean caughtUp() {
        Map<TopicPartition, Long> ends = startingEnds;
        return ends != null
                && ends.entrySet().stream()
                        .allMatch(end ->
                                end.getValue() == 0 || consumed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }
}
