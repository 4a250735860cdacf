package dev.muster.membership.application;

import dev.muster.eventing.store.DomainEventTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cluster's event types for the event store. */
@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    @Bean
    DomainEventTypes clusterEventTypes() {
        return ClusterEventTypes.all();
    }
}
