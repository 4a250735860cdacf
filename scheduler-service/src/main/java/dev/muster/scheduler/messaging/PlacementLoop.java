package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.instances.PlacementRequested;
import dev.muster.scheduler.application.PlacementService;
import dev.muster.scheduler.instances.Placement;
import dev.muster.scheduler.instances.Reason;
import dev.muster.scheduler.placement.PlacementTarget;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision loop: takes a batch of placement requests and decides each against the in-memory cluster view, writing
 * the whole batch — instance rows, public events, agent commands, operation outcomes and the inbox marks — in one
 * transaction; Kafka offsets are committed after it. A request delivered again (after a crash between the commit and
 * the offsets) finds its inbox mark and changes nothing, so each ends in exactly one decision.
 */
@Component
class PlacementLoop {

    static final String ID = "placement-loop";
    private static final String CONSUMER = "scheduler-placement";

    private final PlacementService placements;
    private final Inbox inbox;
    private final EventReader events;
    private final TransactionTemplate transactions;

    PlacementLoop(PlacementService placements, Inbox inbox, EventReader events, TransactionTemplate transactions) {
        this.placements = placements;
        this.inbox = inbox;
        this.events = events;
        this.transactions = transactions;
    }

    @KafkaListener(
            id = ID,
            topics = Topics.PLACEMENT_REQUESTS,
            groupId = CONSUMER,
            autoStartup = "false",
            batch = "true")
    void decide(List<ConsumerRecord<String, byte[]>> records) {
        try {
            transactions.executeWithoutResult(status -> {
                for (ConsumerRecord<String, byte[]> record : records) {
                    events.read(record).ifPresent(received -> {
                        if (received.data() instanceof PlacementRequested request
                                && inbox.firstDelivery(CONSUMER, received.id())) {
                            placements.decide(placement(request));
                        }
                    });
                }
            });
        } catch (RuntimeException e) {
            placements.forgetUncommitted();
            throw e;
        }
    }

    private static Placement placement(PlacementRequested request) {
        return new Placement(
                request.project(),
                request.name(),
                Reason.ofRequest(request.reason()),
                request.type(),
                target(request),
                request.architecture(),
                request.start(),
                request.currentLocation(),
                request.config(),
                request.devices(),
                request.profiles(),
                request.operationId());
    }

    private static PlacementTarget target(PlacementRequested request) {
        if (!request.targetMember().isEmpty()) {
            return new PlacementTarget.Member(request.targetMember());
        }
        return request.targetGroup().isEmpty()
                ? new PlacementTarget.Anywhere()
                : new PlacementTarget.Group(request.targetGroup());
    }
}
