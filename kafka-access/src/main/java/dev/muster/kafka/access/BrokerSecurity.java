package dev.muster.kafka.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security half of a single-node KRaft broker's settings, the same for {@code ./muster up}'s broker and the
 * tests' in-JVM one. Clients and the broker itself use SASL/SCRAM-SHA-512 on the client listener; the controller
 * listener (only the broker talks to it) uses SASL/PLAIN with the {@value AccessTable#ADMIN} user, because SCRAM
 * credentials live in the metadata log the controller serves and so cannot authenticate the controller's own
 * listener. The {@code StandardAuthorizer} refuses everything no ACL allows; {@value AccessTable#ADMIN} is the only
 * super user. Its SCRAM credential is written into the metadata log when the storage is formatted
 * ({@link #formatScramArgument}).
 */
public final class BrokerSecurity {

    /** The client listener's name (and the broker's inter-broker listener). */
    public static final String CLIENT_LISTENER = "SASL_PLAINTEXT";

    /** The controller listener's name. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerSecurity() {}

    /** Listeners, SASL and the authorizer for a broker and controller on {@code host}. */
    public static Map<String, String> serverProperties(
            String host, int port, int controllerPort, String adminPassword) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(
                "listeners",
                CLIENT_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put(
                "listener.security.protocol.map",
                CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", KafkaConnection.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaConnection.MECHANISM);
        p.put(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                KafkaConnection.jaas(AccessTable.ADMIN, adminPassword));
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + AccessTable.ADMIN
                        + "\" password=\"" + adminPassword + "\" user_" + AccessTable.ADMIN + "=\"" + adminPassword
                        + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + AccessTable.ADMIN);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** The {@code kafka-storage format --add-scram} value that creates {@value AccessTable#ADMIN}'s SCRAM user. */
    public static String formatScramArgument(String adminPassword) {
        return KafkaConnection.MECHANISM + "=[name=" + AccessTable.ADMIN + ",password=" + adminPassword + "]";
    }
}
