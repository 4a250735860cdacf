package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.Topics;
import dev.muster.events.images.ImageCreated;
import dev.muster.events.images.ImageDeleted;
import dev.muster.events.images.ImageReplicaFailed;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.events.images.ImageUpdated;
import dev.muster.scheduler.images.ImagesView;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link ImagesView} from the image service's events. Like the {@link ClusterFeed}, every scheduler
 * instance reads the topic whole, from the beginning (a consumer group of its own), and the {@link FeedProgress}
 * holds the decision loop back until it has caught up.
 */
@Component
class ImagesFeed {

    private final ImagesView images;
    private final EventReader events;
    private final FeedProgress progress;

    ImagesFeed(ImagesView images, EventReader events, FeedProgress progress) {
        this.images = images;
        this.events = events;
        this.progress = progress;
    }

    @KafkaListener(
            topics = Topics.IMAGES,
            groupId = "#{@musterInstance.groupId('scheduler-images-view')}",
            containerFactory = ViewListeners.FROM_THE_BEGINNING)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case ImageCreated created -> images.created(created.fingerprint(), created.architecture());
                case ImageUpdated updated -> images.aliasesAre(updated.fingerprint(), updated.aliases());
                case ImageDeleted deleted -> images.deleted(deleted.fingerprint());
                case ImageReplicaStored stored -> images.replicaStored(stored.fingerprint(), stored.member());
                case ImageReplicaLost lost -> images.replicaLost(lost.fingerprint(), lost.member());
                case ImageReplicaFailed failed -> images.copyFailed(failed.fingerprint(), failed.member());
                default -> {}
            }
        });
        progress.consumed(record);
    }
}
