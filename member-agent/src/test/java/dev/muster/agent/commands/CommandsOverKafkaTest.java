package dev.muster.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.agent.Records;
import dev.muster.agent.runtime.AgentRuntime;
import dev.muster.agent.runtime.MemberLife;
import dev.muster.agent.simulation.SimulatedHost;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CommandsOverKafkaTest {

    private final String name = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void commandsAreCarriedOutAndEachCommandIdIsAnsweredOnce() throws Exception {
        try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Settings(TestInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(1),
                "/muster/member-agent/" + name, "agent-" + name, "127.0.0.1", 0, "127.0.0.1"),
                List.of(new AgentRuntime.MemberSpec(name, new SimulatedHost(1, 0, Duration.ofSeconds(1), "x86_64"))), MemberLife.ALIVE);
                TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, command("cmd-1", "instance-create", "c1", Map.of("image", "ubuntu/24.04")));
            send(producer, command("cmd-2", "instance-start", "c1", Map.of()));
            send(producer, command("cmd-2", "instance-start", "c1", Map.of()));
            send(producer, new AgentCommand("not-" + name, "cmd-x", "instance-start", "c1", Map.of()));
            send(producer, command("cmd-3", "instance-start", "ghost", Map.of()));
            send(producer, command("cmd-4", "image-copy", "f00d", Map.of()));
            send(producer, command("cmd-5", "instance-teleport", "c1", Map.of()));
            send(producer, command("cmd-1", "instance-create", "c1", Map.of("image", "ubuntu/24.04")));
            send(producer, command("cmd-last", "instance-stop", "c1", Map.of()));
            producer.flush();

            List<AgentResult> answered = Records.events(
                    results.readUntil(received -> mine(received).stream().anyMatch(r -> r.commandId().equals("cmd-last")), Duration.ofSeconds(30)),
                    AgentResult.class, result -> result.member().equals(name));

            assertThat(answered).extracting(AgentResult::commandId).containsExactly("cmd-1", "cmd-2", "cmd-3", "cmd-4", "cmd-5", "cmd-last");
            assertThat(answered).extracting(AgentResult::status).containsExactly("done", "done", "failed", "done", "unsupported", "done");
            assertThat(answered.get(2).message()).isEqualTo("Instance \"ghost\" not found");
            assertThat(agent.workloadOf(name).instances()).containsEntry("c1", InstanceStatus.STOPPED);
            assertThat(agent.workloadOf(name).images()).containsExactlyInAnyOrder("ubuntu/24.04", "f00d");
        }
    }

    @Test
    void aSlowImageCopyDoesNotHoldUpTheMembersOtherCommandsAndIsAnsweredOnceWhenDone() throws Exception {
        byte[] image = new byte[200_000];
        new java.util.Random(9).nextBytes(image);
        String fingerprint = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(image));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(); // a large image on a slow link
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, image.length);
            try (var out = exchange.getResponseBody()) {
                out.write(image);
            }
        });
        server.start();
        String source = "http://127.0.0.1:" + server.getAddress().getPort() + "/1.0/images/" + fingerprint + "/export";
        try (AgentRuntime agent = AgentRuntime.start(new AgentRuntime.Settings(TestInfrastructure.kafkaBootstrapServers(), Duration.ofSeconds(1),
                "/muster/member-agent/" + name, "agent-" + name, "127.0.0.1", 0, "127.0.0.1"),
                List.of(new AgentRuntime.MemberSpec(name, new SimulatedHost(1, 0, Duration.ofSeconds(1), "x86_64"))), MemberLife.ALIVE);
                TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, command("copy-1", "image-copy", fingerprint, Map.of("source", source)));
            send(producer, command("copy-1", "image-copy", fingerprint, Map.of("source", source))); // delivered twice
            send(producer, command("create-1", "instance-create", "c9", Map.of()));

            List<AgentResult> whileCopying = Records.events(
                    results.readUntil(received -> mine(received).stream().anyMatch(r -> r.commandId().equals("create-1")), Duration.ofSeconds(30)),
                    AgentResult.class, result -> result.member().equals(name));
            assertThat(whileCopying).extracting(AgentResult::commandId).containsExactly("create-1");

            release.countDown();
            List<AgentResult> answered = Records.events(
                    results.readUntil(received -> mine(received).stream().anyMatch(r -> r.commandId().equals("copy-1")), Duration.ofSeconds(30)),
                    AgentResult.class, result -> result.member().equals(name));
            assertThat(answered).extracting(AgentResult::commandId).containsExactly("create-1", "copy-1");
            assertThat(answered.get(1).status()).as(answered.get(1).message()).isEqualTo("done");
            assertThat(agent.workloadOf(name).images()).contains(fingerprint);
            assertThat(agent.workloadOf(name).imageDirectory().resolve(fingerprint)).hasBinaryContent(image);
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    private List<AgentResult> mine(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> received) {
        return Records.events(received, AgentResult.class, result -> result.member().equals(name));
    }

    private AgentCommand command(String id, String action, String target, Map<String, String> arguments) {
        return new AgentCommand(name, id, action, target, arguments);
    }

    private static void send(KafkaProducer<String, byte[]> producer, AgentCommand command) throws Exception {
        byte[] bytes = Records.codec().toBytes(Records.codec().envelope(command));
        producer.send(new ProducerRecord<>(Topics.AGENT_COMMANDS, command.member(), bytes)).get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
