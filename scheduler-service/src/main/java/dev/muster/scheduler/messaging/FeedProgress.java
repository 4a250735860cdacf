package dev.muster.scheduler.messaging;

import dev.muster.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * How far the {@link ClusterFeed} and the {@link ImagesFeed} have read: caught up once they have consumed, in every
 * partition of the membership, health and images topics, what those partitions held when the scheduler started. No
 * placement is decided before that.
 */
@Component
class FeedProgress {

    private final ConsumerFactory<String, byte[]> consumers;
    private final Map<TopicPartition, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> startingEnds;

    FeedProgress(ConsumerFactory<String, byte[]> consumers) {
        this.consumers = consumers;
    }

    void consumed(String topic, int partition, long offset) {
        consumed.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
    }

    /** Reads, once, where each partition ended at start-up. */
    void recordStartingEnds() {
        try (Consumer<String, byte[]> consumer = consumers.createConsumer("scheduler-feed-progress", "")) {
            List<TopicPartition> partitions = List.of(Topics.MEMBERSHIP, Topics.HEALTH, Topics.IMAGES).stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            startingEnds = Map.copyOf(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        }
    }

    boolean caughtUp() {
        Map<TopicPartition, Long> ends = startingEnds;
        return ends != null && ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || consumed.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }
}
