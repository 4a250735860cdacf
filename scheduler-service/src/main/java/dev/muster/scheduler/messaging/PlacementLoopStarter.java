package dev.muster.scheduler.messaging;

import dev.muster.scheduler.application.Instances;
import dev.muster.scheduler.placement.ClusterView;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Starts the decision loop only once the scheduler knows the cluster: the view caught up with membership and health,
 * and the instance counts loaded from the database (which the loop's own transactions keep).
 */
@Component
class PlacementLoopStarter {

    private static final Logger log = LoggerFactory.getLogger(PlacementLoopStarter.class);

    private final FeedProgress progress;
    private final ClusterView view;
    private final Instances instances;
    private final KafkaListenerEndpointRegistry listeners;
    private volatile boolean started;

    PlacementLoopStarter(
            FeedProgress progress, ClusterView view, Instances instances, KafkaListenerEndpointRegistry listeners) {
        this.progress = progress;
        this.view = view;
        this.instances = instances;
        this.listeners = listeners;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenCaughtUp() {
        Thread.ofPlatform().name("placement-loop-starter").daemon().start(() -> {
            long since = System.nanoTime();
            try {
                progress.awaitCaughtUp();
            } catch (InterruptedException e) {
                return; // shutting down before it caught up
            }
            view.countsAre(instances.countsByLocation());
            listeners.getListenerContainer(PlacementLoop.ID).start();
            started = true;
            log.info(
                    "Decision loop started: {} members known, caught up in {} ms",
                    view.members().size(),
                    Duration.ofNanos(System.nanoTime() - since).toMillis());
        });
    }

    boolean started() {
        return started;
    }
}
