package dev.muster.kafka.access;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How one principal reaches Kafka: the bootstrap servers and its SCRAM-SHA-512 login. {@link #toString()} leaves the
 * password out, so a connection may be logged.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param principal the SCRAM user
 * @param password its password
 */
public record KafkaConnection(String bootstrapServers, String principal, String password) {

    /** The SASL mechanism every client and the broker's client listener use. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** The client settings: bootstrap servers and the SASL login, to merge into a producer's, consumer's or admin's. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(securityConfig());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Only the SASL login (what Spring's {@code spring.kafka.properties.*} carries). */
    public Map<String, String> securityConfig() {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM,
                MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas(principal, password));
    }

    /**
     * The connection named by a process's environment: {@code MUSTER_KAFKA} (else {@code defaultServers}),
     * {@code MUSTER_KAFKA_USER} (else {@code defaultPrincipal}) and {@code MUSTER_KAFKA_PASSWORD}.
     */
    public static KafkaConnection fromEnvironment(
            Map<String, String> environment, String defaultServers, String defaultPrincipal) {
        String password = environment.getOrDefault("MUSTER_KAFKA_PASSWORD", "");
        if (password.isBlank()) {
            throw new IllegalArgumentException(
                    "MUSTER_KAFKA_PASSWORD is not set: Kafka refuses clients without credentials"
                            + " (./muster up keeps them in .muster/kafka/credentials)");
        }
        return new KafkaConnection(
                environment.getOrDefault("MUSTER_KAFKA", defaultServers),
                environment.getOrDefault("MUSTER_KAFKA_USER", defaultPrincipal),
                password);
    }

    /** The same principal and servers with another password (for a test that a wrong one is refused). */
    public KafkaConnection withPassword(String other) {
        return new KafkaConnection(bootstrapServers, principal, other);
    }

    /** A JAAS line for the SCRAM login module. */
    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + principal + "@" + bootstrapServers + "]";
    }
}
