package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.CatchUp;
import dev.muster.events.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * How far the {@link ClusterFeed} and the {@link ImagesFeed} have read: caught up once they have consumed, in every
 * partition of the membership, health and images topics, what those partitions held when the scheduler started. No
 * placement is decided before that.
 */
@Component
class FeedProgress {

    private final CatchUp catchUp;

    FeedProgress(ConsumerFactory<String, byte[]> consumers) {
        this.catchUp = new CatchUp(
                consumers, "scheduler-feed-progress", List.of(Topics.MEMBERSHIP, Topics.HEALTH, Topics.IMAGES));
    }

    void consumed(ConsumerRecord<?, ?> record) {
        catchUp.consumed(record);
    }

    /** Reads where each partition ends at start-up, then waits until the feeds have read that far. */
    void awaitCaughtUp() throws InterruptedException {
        catchUp.awaitCaughtUp();
    }
}
