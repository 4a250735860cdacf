package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.Topics;
import dev.muster.events.agents.InstanceStateReported;
import dev.muster.scheduler.application.StateQueries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Members' answers to state queries, read by every scheduler process (a consumer group of its own, from the end): the
 * process that asked is the one that waits for the answer, whichever process owns the member's partition.
 */
@Component
class StateAnswers {

    private final StateQueries queries;
    private final EventReader events;

    StateAnswers(StateQueries queries, EventReader events) {
        this.queries = queries;
        this.events = events;
    }

    @KafkaListener(
            topics = Topics.AGENT_RESULTS,
            groupId = "#{@musterInstance.groupId('scheduler-state-answers')}",
            containerFactory = ViewListeners.FROM_THE_END)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (received.data() instanceof InstanceStateReported reported) {
                queries.answered(reported);
            }
        });
    }
}
