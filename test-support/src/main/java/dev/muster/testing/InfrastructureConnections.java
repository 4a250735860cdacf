package dev.muster.testing;

import java.util.List;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a Spring Boot test at the real test engines: its own fresh PostgreSQL database and the shared
 * Kafka broker. Import it with {@code @Import(InfrastructureConnections.class)} or use {@link WithInfrastructure}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InfrastructureConnections {

    @Bean
    TestInfrastructure.Database testDatabase() {
        return TestInfrastructure.newDatabase();
    }

    @Bean
    JdbcConnectionDetails testJdbcConnectionDetails(TestInfrastructure.Database database) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return database.username();
            }

            @Override
            public String getPassword() {
                return database.password();
            }

            @Override
            public String getJdbcUrl() {
                return database.jdbcUrl();
            }
        };
    }

    @Bean
    KafkaConnectionDetails testKafkaConnectionDetails() {
        List<String> servers =
                List.of(TestInfrastructure.kafkaBootstrapServers().split(","));
        return () -> servers;
    }
}
