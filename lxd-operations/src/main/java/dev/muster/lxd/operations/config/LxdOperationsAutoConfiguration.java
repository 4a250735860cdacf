package dev.muster.lxd.operations.config;

import dev.muster.eventing.config.EventingAutoConfiguration;
import dev.muster.eventing.config.EventingSchema;
import dev.muster.eventing.config.LibraryMigrations;
import dev.muster.eventing.inbox.EventReader;
import dev.muster.eventing.inbox.Inbox;
import dev.muster.eventing.outbox.Outbox;
import dev.muster.lxd.operations.OperationCancelHandler;
import dev.muster.lxd.operations.OperationCancellations;
import dev.muster.lxd.operations.Operations;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Lets a service run LXD operations: recorded in its database, published on {@code muster.operations.v1}. */
@AutoConfiguration(after = EventingAutoConfiguration.class)
public class LxdOperationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Operations operations(
            DataSource dataSource,
            EventingSchema eventing,
            JdbcTemplate jdbc,
            Outbox outbox,
            @Value("${spring.application.name:muster}") String service,
            Clock clock) {
        LibraryMigrations.migrate(dataSource, "lxd-operations");
        return new Operations(jdbc, outbox, service, clock);
    }

    @Bean
    OperationCancellations operationCancellations(
            Operations operations,
            Inbox inbox,
            EventReader events,
            @Value("${spring.application.name:muster}") String service,
            ObjectProvider<OperationCancelHandler> handlers) {
        return new OperationCancellations(
                operations, inbox, events, service, handlers.orderedStream().toList());
    }
}
