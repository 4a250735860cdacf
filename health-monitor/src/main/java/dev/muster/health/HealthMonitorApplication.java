package dev.muster.health;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Decides who is alive from the members' heartbeats: offline, online and healing-due. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HealthMonitorApplication {
    public static void main(String[] args) {
        SpringApplication.run(HealthMonitorApplication.class, args);
    }
}
