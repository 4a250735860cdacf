package dev.muster.testing;

import dev.muster.events.Topics;
import dev.muster.kafka.access.AccessSetup;
import dev.muster.kafka.access.AccessTable;
import dev.muster.kafka.access.BrokerSecurity;
import dev.muster.kafka.access.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker in this JVM, secured as {@code ./muster up}'s: SASL/SCRAM-SHA-512, the
 * StandardAuthorizer, a user and ACLs per principal ({@code kafka-access}). Formatted in a temporary folder with the
 * super user's SCRAM credential, as {@code kafka-storage format --add-scram} does.
 */
final class SecuredKafkaBroker {

    /** As many as the services declare (eventing's {@code muster.eventing.topics.partitions}, default 6). */
    private static final int PUBLIC_TOPIC_PARTITIONS = 6;

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;
    private Credentials credentials;

    private SecuredKafkaBroker(
            KafkaRaftServer server, Path directory, String bootstrapServers, Credentials credentials) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.credentials = credentials;
    }

    /** Formats and starts a broker, then makes the users and ACLs of every service principal. */
    static SecuredKafkaBroker start(int partitions) {
        try {
            Path directory = Files.createTempDirectory("muster-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Credentials credentials = Credentials.generate(AccessTable.servicePrincipals());
            String adminPassword = credentials.passwordOf(AccessTable.ADMIN).orElseThrow();
            Properties settings = new Properties();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", "1");
            settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            settings.put("log.dirs", directory.resolve("data").toString());
            settings.put("num.partitions", String.valueOf(partitions));
            settings.put("auto.create.topics.enable", "true");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.num.partitions", "5");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("share.coordinator.state.topic.replication.factor", "1");
            settings.put("share.coordinator.state.topic.min.isr", "1");
            settings.putAll(BrokerSecurity.serverProperties("127.0.0.1", port, controllerPort, adminPassword));
            Path file = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                settings.store(out, "the tests' secured broker");
            }
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int formatted = StorageTool.execute(
                    new String[] {
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        file.toString(),
                        "--add-scram",
                        BrokerSecurity.formatScramArgument(adminPassword)
                    },
                    new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("formatting the test broker's storage failed: "
                        + formatOutput.toString(StandardCharsets.UTF_8));
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(settings), Time.SYSTEM);
            server.startup();
            SecuredKafkaBroker broker = new SecuredKafkaBroker(server, directory, "127.0.0.1:" + port, credentials);
            broker.apply(credentials);
            broker.createPublicTopics(PUBLIC_TOPIC_PARTITIONS);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test Kafka broker", e);
        }
    }

    /**
     * Muster's public topics, as the services of a stack create them before any agent starts (agents may not create
     * topics), so a test that runs agents without services finds them too. With the services' partition count:
     * a service that found fewer would have to add partitions, which it may not.
     */
    private void createPublicTopics(int partitions) {
        try (Admin admin = Admin.create(
                credentials.connection(bootstrapServers, AccessTable.ADMIN).clientConfig())) {
            admin.createTopics(Topics.ALL.stream()
                            .map(topic -> new NewTopic(topic, partitions, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Muster's topics on the test broker", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    synchronized Credentials credentials() {
        return credentials;
    }

    /** The credentials with users (and ACLs, for principals of the table) for {@code principals} added. */
    synchronized Credentials including(Collection<String> principals) {
        if (!credentials.principals().containsAll(principals)) {
            credentials = credentials.including(principals);
            apply(credentials);
        }
        return credentials;
    }

    private void apply(Credentials wanted) {
        Map<String, Object> config =
                wanted.connection(bootstrapServers, AccessTable.ADMIN).clientConfig();
        try (Admin admin = Admin.create(config)) {
            AccessSetup.apply(admin, wanted);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test broker's users and ACLs", e);
        }
        for (String principal : wanted.principals()) {
            awaitLogin(wanted, principal);
        }
    }

    /** The broker applies new users from its metadata log a moment after the controller accepted them. */
    private void awaitLogin(Credentials wanted, String principal) {
        Map<String, Object> config =
                wanted.connection(bootstrapServers, principal).clientConfig();
        config.put("default.api.timeout.ms", 2000);
        config.put("request.timeout.ms", 2000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(principal + " cannot log in to the test broker", e);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    void stop() {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder harms nothing
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
