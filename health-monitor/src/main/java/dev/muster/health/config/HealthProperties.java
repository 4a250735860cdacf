package dev.muster.health.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code muster.health.*}; every key can be overridden by the environment ({@code MUSTER_HEALTH_PROBE_TIMEOUT=…}).
 * The thresholds themselves are the cluster's ({@code cluster.offline_threshold}, {@code cluster.healing_threshold}),
 * announced by membership.
 *
 * @param checkResolution how often deadlines are checked: a silent member is flagged at most this late
 * @param gracePeriod how long newly owned heartbeat partitions go unjudged; unset means one offline threshold
 * @param probeTimeout how long the fencing probe waits for a member's agent to answer
 * @param probeRetry how long after a probe that still answered the member is probed again
 * @param stateFlushInterval how often the latest heartbeats are written to PostgreSQL
 * @param heartbeatGroup the Kafka consumer group of the heartbeat consumers: instances sharing it split the members
 */
@ConfigurationProperties("muster.health")
public record HealthProperties(
        @DefaultValue("100ms") Duration checkResolution,
        Duration gracePeriod,
        @DefaultValue("2s") Duration probeTimeout,
        @DefaultValue("10s") Duration probeRetry,
        @DefaultValue("1s") Duration stateFlushInterval,
        @DefaultValue("health-monitor-heartbeats") String heartbeatGroup) {}
