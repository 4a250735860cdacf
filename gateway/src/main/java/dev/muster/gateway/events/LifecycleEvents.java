package dev.muster.gateway.events;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.LxdLifecycle;
import dev.muster.events.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Lifecycle events for {@code /1.0/events}: what happens to the cluster's members and groups, as LXD reports it
 * ({@code cluster-member-added}, …). Each gateway instance reads {@code muster.membership.v1} in a group of its own
 * from the end (only what happens while its clients listen matters), so each hears every event.
 */
@Component
class LifecycleEvents {

    private final EventHub hub;
    private final EventReader events;

    LifecycleEvents(EventHub hub, EventReader events) {
        this.hub = hub;
        this.events = events;
    }

    @KafkaListener(
            topics = Topics.MEMBERSHIP,
            groupId = "#{@musterInstance.groupId('gateway-lifecycle-events')}",
            containerFactory = ViewListeners.FROM_THE_END)
    void on(ConsumerRecord<String, byte[]> record) {
        if (!hub.hasListeners()) {
            return;
        }
        events.read(record)
                .flatMap(received -> LxdLifecycle.of(received.data()))
                .ifPresent(lifecycle -> hub.publish(
                        "lifecycle",
                        "",
                        "",
                        Map.of("action", lifecycle.action(), "source", lifecycle.source(), "context", Map.of())));
    }
}
