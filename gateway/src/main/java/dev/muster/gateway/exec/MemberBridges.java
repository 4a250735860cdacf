package dev.muster.gateway.exec;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.events.Topics;
import dev.muster.events.heartbeats.Heartbeat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Where each member's agent relays exec to its own LXD daemon, as its latest heartbeat says. Every gateway instance
 * reads every heartbeat (a consumer group of its own, from the newest), so it knows each live member's bridge within
 * one heartbeat interval of starting; nothing is stored.
 */
@Component
class MemberBridges {

    private final Map<String, String> bridges = new ConcurrentHashMap<>();
    private final EventReader events;

    MemberBridges(EventReader events) {
        this.events = events;
    }

    @KafkaListener(
            topics = Topics.HEARTBEATS,
            groupId = "gateway-bridges-${random.uuid}",
            properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
    void on(ConsumerRecord<String, byte[]> record) {
        events.read(record).ifPresent(received -> {
            if (received.data() instanceof Heartbeat heartbeat) {
                learnt(heartbeat);
            }
        });
    }

    void learnt(Heartbeat heartbeat) {
        if (heartbeat.bridgeUrl().isEmpty() || heartbeat.stopping()) {
            bridges.remove(heartbeat.member());
        } else {
            bridges.put(heartbeat.member(), heartbeat.bridgeUrl());
        }
    }

    /** The member's bridge URL, empty when its agent advertises none (simulated, stopped or never heard of). */
    Optional<String> of(String member) {
        return Optional.ofNullable(bridges.get(member));
    }
}
