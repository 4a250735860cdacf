package dev.muster.eventing.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.core.env.Environment;

/**
 * Which process of a service this is, the same at every start: {@code muster.instance-id}, or else the service's
 * name, host and HTTP port. A process on an ephemeral port ({@code server.port=0}, as in tests) has no lasting
 * identity and gets a random one.
 *
 * @param id the process's id
 */
public record MusterInstance(String id) {

    static MusterInstance of(Environment environment) {
        String configured = environment.getProperty("muster.instance-id", "");
        if (!configured.isBlank()) {
            return new MusterInstance(configured);
        }
        String service = environment.getProperty("spring.application.name", "muster");
        int port = environment.getProperty("server.port", Integer.class, 0);
        return new MusterInstance(port == 0 ? service + "-" + UUID.randomUUID() : service + "-" + host() + "-" + port);
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The consumer group of one of this process's own listeners: {@code <purpose>-<id>}. */
    public String groupId(String purpose) {
        return purpose + "-" + id;
    }
}
