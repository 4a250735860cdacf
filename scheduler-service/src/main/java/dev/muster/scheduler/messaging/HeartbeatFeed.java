package dev.muster.scheduler.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.ViewListeners;
import dev.muster.events.Topics;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.scheduler.scriptlet.MemberStates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps each member's latest state for the placement scriptlet; only fresh heartbeats matter (from the end). */
@Component
class HeartbeatFeed {

    private final MemberStates states;
    private final EventReader events;

    HeartbeatFeed(MemberStates states, EventReader events) {
        this.states = states;
        this.events = events;
    }

    @KafkaListener(
            topics = Topics.HEARTBEATS,
            groupId = "#{@musterInstance.groupId('scheduler-heartbeats')}",
            containerFactory = ViewListeners.FROM_THE_END)
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (received.data() instanceof Heartbeat heartbeat) {
                states.heartbeat(heartbeat.member(), heartbeat.state());
            }
        });
    }
}
