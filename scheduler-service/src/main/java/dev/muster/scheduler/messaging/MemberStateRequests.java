package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.events.Topics;
import dev.muster.events.health.MemberHealingDue;
import dev.muster.events.membership.MemberEvacuated;
import dev.muster.events.membership.MemberRestored;
import dev.muster.scheduler.application.EvacuationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Membership's evacuate and restore requests and the health monitor's healing verdicts, each carried out once
 * (inbox) in one transaction with its events. One consumer handles them in order, so at most one evacuation runs
 * at a time.
 */
@Component
class MemberStateRequests {

    private static final String CONSUMER = "scheduler-member-state";

    private final EvacuationService evacuations;
    private final Inbox inbox;
    private final EventReader events;

    MemberStateRequests(EvacuationService evacuations, Inbox inbox, EventReader events) {
        this.evacuations = evacuations;
        this.inbox = inbox;
        this.events = events;
    }

    @KafkaListener(
            topics = {Topics.MEMBERSHIP, Topics.HEALTH},
            groupId = CONSUMER)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            switch (received.data()) {
                case MemberEvacuated evacuated ->
                    inbox.receive(
                            CONSUMER,
                            received.id(),
                            () -> evacuations.evacuate(evacuated.name(), evacuated.mode(), evacuated.operationId()));
                case MemberRestored restored ->
                    inbox.receive(
                            CONSUMER,
                            received.id(),
                            () -> evacuations.restore(restored.name(), restored.mode(), restored.operationId()));
                case MemberHealingDue due -> inbox.receive(CONSUMER, received.id(), () -> evacuations.heal(due.name()));
                default -> {}
            }
        });
    }
}
