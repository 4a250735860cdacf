package dev.muster.kafka.access;

import java.util.Set;

/**
 * What one Kafka principal may do: the topics it writes, the topics it reads, the consumer groups it may use (every
 * group whose id starts with {@code groupPrefix}), and whether it may create Muster's topics ({@code muster.*}) at
 * start, as the services do.
 *
 * @param principal the SCRAM user name, e.g. {@code scheduler-service} or {@code agent-m2}
 * @param writes topics it produces to
 * @param reads topics it consumes
 * @param groupPrefix the start of every consumer group id it uses
 * @param createsTopics whether it may create and describe the {@code muster.*} topics
 */
public record Rights(
        String principal, Set<String> writes, Set<String> reads, String groupPrefix, boolean createsTopics) {

    public Rights {
        if (principal.isBlank()) {
            throw new IllegalArgumentException("a principal needs a name");
        }
        writes = Set.copyOf(writes);
        reads = Set.copyOf(reads);
        if (groupPrefix.isBlank()) {
            throw new IllegalArgumentException("a principal's consumer groups need a prefix");
        }
    }

    /** Whether it may produce to {@code topic}. */
    public boolean mayWrite(String topic) {
        return writes.contains(topic);
    }

    /** Whether it may consume {@code topic}. */
    public boolean mayRead(String topic) {
        return reads.contains(topic);
    }
}
