package dev.muster.health.messaging;

import dev.muster.eventing.inbox.EventReader;
import dev.muster.events.Topics;
import dev.muster.events.heartbeats.Heartbeat;
import dev.muster.health.liveness.LivenessDetector;
import dev.muster.health.state.LatestHeartbeats;
import dev.muster.health.state.LivenessRecords;
import dev.muster.health.state.ReceivedHeartbeat;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the members' heartbeats to the detector (receipt time on this monitor's clock) and keeps their latest
 * state. Instances sharing {@code muster.health.heartbeat-group} split the partitions, so each member is judged by
 * exactly one of them.
 *
 * <p>Liveness is about now: a newly assigned partition is read from its end, never from a backlog whose receipt
 * times would all be "now", and its members are judged only after the detector's grace period.
 */
@Component
class HeartbeatEvents implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatEvents.class);

    private final LivenessDetector detector;
    private final LatestHeartbeats latest;
    private final LivenessRecords records;
    private final EventReader events;
    private final KafkaAdmin admin;
    private volatile int partitionCount;

    HeartbeatEvents(
            LivenessDetector detector,
            LatestHeartbeats latest,
            LivenessRecords records,
            EventReader events,
            KafkaAdmin admin) {
        this.detector = detector;
        this.latest = latest;
        this.records = records;
        this.events = events;
        this.admin = admin;
    }

    @KafkaListener(
            topics = Topics.HEARTBEATS,
            groupId = "${muster.health.heartbeat-group:health-monitor-heartbeats}",
            batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> batch) {
        for (ConsumerRecord<String, byte[]> record : batch) {
            events.read(record).ifPresent(received -> {
                if (received.data() instanceof Heartbeat heartbeat && heartbeat.member() != null) {
                    Instant receivedAt = detector.heartbeat(
                            heartbeat.member(), record.partition(), heartbeat.probeUrl(), heartbeat.stopping());
                    latest.received(new ReceivedHeartbeat(
                            heartbeat.member(),
                            receivedAt,
                            record.partition(),
                            heartbeat.sequence(),
                            heartbeat.probeUrl(),
                            heartbeat.state()));
                }
            });
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToEnd(assignments.keySet());
        List<Integer> partitions =
                assignments.keySet().stream().map(TopicPartition::partition).toList();
        detector.partitionsAssigned(partitions, partitionCount(), records.remembered());
        log.info("Judging the members of heartbeat partitions {} after a grace period", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        detector.partitionsRevoked(
                partitions.stream().map(TopicPartition::partition).toList());
    }

    private int partitionCount() {
        if (partitionCount == 0) {
            try {
                partitionCount = admin.describeTopics(Topics.HEARTBEATS)
                        .get(Topics.HEARTBEATS)
                        .partitions()
                        .size();
            } catch (RuntimeException e) {
                log.warn(
                        "Cannot read the partition count of {}: silent members are judged once they heartbeat: {}",
                        Topics.HEARTBEATS,
                        e.getMessage());
            }
        }
        return partitionCount;
    }
}
