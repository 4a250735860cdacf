package dev.muster.testing;

import dev.muster.kafka.access.AccessTable;
import dev.muster.kafka.access.KafkaConnection;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Logs every Spring application a test starts in this JVM in to the test broker: a service as its own principal
 * ({@code spring.application.name}, so a service test proves its rights suffice), any other application as the
 * super user. Registered in {@code META-INF/spring.factories}; the broker starts only when Kafka's settings are read.
 */
public final class KafkaLogin implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String PREFIX = "spring.kafka.properties.";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        environment.getPropertySources().addFirst(new Login(environment));
    }

    /**
     * Its source is not the environment itself: Spring Boot walks into a source that is an environment and would
     * meet this property source again, without end (a StackOverflowError at start-up).
     */
    private static final class Login extends EnumerablePropertySource<Object> {
        private static final String[] NAMES = {
            PREFIX + "security.protocol", PREFIX + "sasl.mechanism", PREFIX + "sasl.jaas.config"
        };
        private final ConfigurableEnvironment environment;
        private Map<String, String> settings = Map.of();

        Login(ConfigurableEnvironment environment) {
            super("muster-test-kafka-login", new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return NAMES.clone();
        }

        @Override
        public Object getProperty(String name) {
            if (!name.startsWith(PREFIX) || !java.util.Arrays.asList(NAMES).contains(name)) {
                return null;
            }
            return settings().get(name.substring(PREFIX.length()));
        }

        private synchronized Map<String, String> settings() {
            if (settings.isEmpty()) {
                String application = environment.getProperty("spring.application.name", "");
                String principal =
                        AccessTable.servicePrincipals().contains(application) ? application : AccessTable.ADMIN;
                KafkaConnection connection = TestInfrastructure.kafkaAs(principal);
                settings = connection.securityConfig();
            }
            return settings;
        }
    }
}
