package dev.muster.eventing.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code muster.eventing.*}: the outbox relay and the service's Kafka topics.
 *
 * @param relay the outbox relay
 * @param topics how the topics are created when missing
 * @param maxEventBytes the most one encoded event may weigh; a change that would publish a larger one is refused
 */
@ConfigurationProperties("muster.eventing")
public record EventingProperties(
        @DefaultValue Relay relay,
        @DefaultValue Topics topics,
        @DefaultValue("524288") int maxEventBytes) {

    /**
     * @param enabled run a relay in this process (one per database is active at a time)
     * @param batchSize outbox rows read and sent per round
     * @param idlePoll how long to wait for a notification before looking again
     * @param retryBackoff pause after a failed round
     * @param sentRetention how long sent rows are kept before they are purged
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2000") int batchSize,
            @DefaultValue("500ms") Duration idlePoll,
            @DefaultValue("1s") Duration retryBackoff,
            @DefaultValue("10m") Duration sentRetention) {}

    /**
     * @param partitions partitions of each topic this service creates
     * @param replicationFactor replicas of each topic
     */
    public record Topics(
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicationFactor) {}
}
