package dev.muster.eventing.config;

import dev.muster.eventing.failures.ListenerFailures;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} says DOWN while the service's Kafka listeners retry a transient failure (its database or
 * the broker does not answer): records are waiting, not lost, but the service is not doing its work.
 */
final class ListenersHealth implements HealthIndicator {

    private final ListenerFailures failures;

    ListenersHealth(ListenerFailures failures) {
        this.failures = failures;
    }

    @Override
    public Health health() {
        Health.Builder health = failures.transientFailure()
                .map(reason -> Health.down().withDetail("retrying", reason))
                .orElseGet(Health::up);
        return health.withDetail("deadLetters", failures.deadLettered()).build();
    }
}
