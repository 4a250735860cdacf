package dev.muster.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.eventing.postgres.ChannelWatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelWatchTest {

    private final EventingDatabase db = new EventingDatabase();
    private final ChannelWatch watch = new ChannelWatch(db.connections(), "muster_watch_test");

    @AfterEach
    void close() {
        watch.close();
        db.close();
    }

    @Test
    void aWaiterIsWokenByANotificationCommittedInAnotherSession() throws Exception {
        long before = watch.version();
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.version() != before); // listening (connected)
        long seen = watch.version();
        CompletableFuture<Boolean> woken =
                CompletableFuture.supplyAsync(() -> awaitChange(seen, Duration.ofSeconds(30)));

        db.transactions.executeWithoutResult(tx -> db.jdbc.execute("NOTIFY muster_watch_test"));

        assertThat(woken.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaiterGivesUpAfterItsPatienceWhenNothingIsNotified() throws Exception {
        long before = watch.version();
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.version() != before);

        assertThat(watch.awaitChangeAfter(watch.version(), Duration.ofMillis(300)))
                .isFalse();
    }

    private boolean awaitChange(long seen, Duration patience) {
        try {
            return watch.awaitChangeAfter(seen, patience);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
