package dev.muster.health;

import dev.muster.testing.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Health monitors started as the real application would be, any number on one database and heartbeat group. */
final class Monitors {

    private Monitors() {}

    /**
     * @param name the application name, hence the {@code source} of its announcements
     */
    static Map<String, Object> settings(String name, TestInfrastructure.Database database, String heartbeatGroup) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.application.name", name);
        settings.put("spring.datasource.url", database.jdbcUrl());
        settings.put("spring.datasource.username", database.username());
        settings.put("spring.datasource.password", database.password());
        settings.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        settings.put("server.port", 0);
        settings.put("muster.health.heartbeat-group", heartbeatGroup);
        settings.put("muster.eventing.relay.idle-poll", "200ms");
        return settings;
    }

    /** Starts one; command-line arguments, so that they win over application.yml. */
    static ConfigurableApplicationContext start(Map<String, Object> settings) {
        String[] arguments = settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HealthMonitorApplication.class).run(arguments);
    }

    static MonitorClient client(ConfigurableApplicationContext context) {
        return new MonitorClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
