package dev.muster.membership.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.events.instances.InstanceDeleted;
import dev.muster.events.instances.InstancePlaced;
import dev.muster.membership.members.HoldingsView;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the {@link HoldingsView} from the scheduler's and the image service's public events, each once. */
@Component
class HoldingsEvents {

    private final HoldingsView holdings;
    private final Inbox inbox;
    private final EventReader events;

    HoldingsEvents(HoldingsView holdings, Inbox inbox, EventReader events) {
        this.holdings = holdings;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(
            topics = {Topics.INSTANCES, Topics.IMAGES},
            groupId = "membership-service-holdings")
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case InstancePlaced placed ->
                    inbox.receive(
                            "holdings",
                            received.id(),
                            () -> holdings.instancePlaced(placed.project(), placed.name(), placed.location()));
                case InstanceDeleted deleted ->
                    inbox.receive(
                            "holdings",
                            received.id(),
                            () -> holdings.instanceDeleted(deleted.project(), deleted.name()));
                case ImageReplicaStored stored ->
                    inbox.receive(
                            "holdings",
                            received.id(),
                            () -> holdings.replicaStored(stored.fingerprint(), stored.member()));
                case ImageReplicaLost lost ->
                    inbox.receive(
                            "holdings", received.id(), () -> holdings.replicaLost(lost.fingerprint(), lost.member()));
                default -> {}
            }
        });
    }
}
