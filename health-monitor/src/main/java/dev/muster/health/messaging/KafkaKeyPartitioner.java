package dev.muster.health.messaging;

import dev.muster.health.liveness.MemberPartitioner;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** The partition Kafka's default partitioner gives a record keyed by the member's name (murmur2 of the key). */
public final class KafkaKeyPartitioner implements MemberPartitioner {
    @Override
    public int partitionOf(String member, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(member.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }
}
