package dev.muster.membership.application;

import dev.muster.eventing.postgres.ChannelWatch;
import dev.muster.eventing.postgres.ConnectionFactory;
import dev.muster.eventing.store.DomainEventTypes;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cluster's event types for the event store, and the signal a member removal waits on. */
@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    @Bean
    DomainEventTypes clusterEventTypes() {
        return ClusterEventTypes.all();
    }

    /** Notified (by a trigger) whenever a change to the image replicas commits; see {@link MemberRemovals}. */
    @Bean
    ChannelWatch imageReplicaChanges(JdbcConnectionDetails database) {
        return new ChannelWatch(
                ConnectionFactory.of(database.getJdbcUrl(), database.getUsername(), database.getPassword()),
                "muster_image_replicas");
    }
}
