package dev.muster.membership;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns the cluster: bootstrap, join tokens, members, groups, database roles and server configuration. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MembershipApplication {
    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }
}
