package dev.muster.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.muster.agent.Records;
import dev.muster.agent.runtime.AgentRuntime;
import dev.muster.agent.runtime.MemberLife;
import dev.muster.agent.simulation.SimulatedHost;
import dev.muster.events.EventEnvelope;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CommandResult.Status;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.InventoryReported;
import dev.muster.events.agents.InventoryReported.InventoryInstance;
import dev.muster.events.agents.ReportInventory;
import dev.muster.events.agents.StartInstance;
import dev.muster.events.agents.StopInstance;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class CommandsOverKafkaTest {

    private static final String PROJECT = "default";
    private static final String NO_IMAGE = "";
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int IMAGE_SIZE = 200_000;
    private static final long IMAGE_SEED = 9;

    private final String name = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void commandsAreCarriedOutAndEachCommandIdIsAnsweredOnce() throws Exception {
        try (AgentRuntime agent = startAgent("agent-" + name);
                TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(
                    producer,
                    new CreateInstance(
                            name, "cmd-1", PROJECT, "c1", "container", false, "ubuntu/24.04", "", Map.of(), Map.of()));
            send(producer, new StartInstance(name, "cmd-2", PROJECT, "c1"));
            send(producer, new StartInstance(name, "cmd-2", PROJECT, "c1"));
            send(producer, new StartInstance("not-" + name, "cmd-x", PROJECT, "c1"));
            send(producer, new StartInstance(name, "cmd-3", PROJECT, "ghost"));
            send(producer, new CopyImage(name, "cmd-4", "f00d", "", false));
            send(producer, NewerCommands.snapshot(name, "cmd-5"));
            send(
                    producer,
                    new CreateInstance(
                            name, "cmd-1", PROJECT, "c1", "container", false, "ubuntu/24.04", "", Map.of(), Map.of()));
            send(producer, new StopInstance(name, "cmd-last", PROJECT, "c1", false, -1));
            producer.flush();

            List<CommandResult> answered = commandResults(results.readUntil(answers("cmd-last"), ANSWER_TIMEOUT));

            assertThat(answered)
                    .extracting(CommandResult::commandId)
                    .containsExactly("cmd-1", "cmd-2", "cmd-3", "cmd-4", "cmd-5", "cmd-last");
            assertThat(answered)
                    .extracting(CommandResult::status)
                    .containsExactly(
                            Status.DONE, Status.DONE, Status.FAILED, Status.DONE, Status.UNSUPPORTED, Status.DONE);
            assertThat(answered.get(2).message()).isEqualTo("Instance \"ghost\" not found");
            assertThat(agent.workloadOf(name).instances()).containsEntry("c1", InstanceStatus.STOPPED);
            assertThat(agent.workloadOf(name).images()).containsExactlyInAnyOrder("ubuntu/24.04", "f00d");
        }
    }

    @Test
    void aCommandOfATypeTheAgentDoesNotKnowIsAnsweredUnsupportedNamingTheType() throws Exception {
        try (AgentRuntime agent = startAgent("agent-" + name);
                TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, NewerCommands.snapshot(name, "snap-1"));
            send(producer, new StartInstance(name, "after-snap", PROJECT, "ghost"));
            producer.flush();

            List<CommandResult> answered = commandResults(results.readUntil(answers("after-snap"), ANSWER_TIMEOUT));

            assertThat(answered).extracting(CommandResult::commandId).containsExactly("snap-1", "after-snap");
            CommandResult unsupported = answered.get(0);
            assertThat(unsupported.status()).isEqualTo(Status.UNSUPPORTED);
            assertThat(unsupported.command()).isEqualTo(NewerCommands.SNAPSHOT_INSTANCE);
            assertThat(unsupported.message())
                    .isEqualTo("Unsupported command \"" + NewerCommands.SNAPSHOT_INSTANCE + "\"");
            assertThat(unsupported.member()).isEqualTo(name);
        }
    }

    @Test
    void aCommandTheAgentFailsOnIsAnsweredFailedAndTheCommandsAfterItStillAre() throws Exception {
        EventEnvelope withoutImage = Records.codec()
                .envelope(new CreateInstance(
                        name, "broken-1", PROJECT, "c1", "container", false, NO_IMAGE, "", Map.of(), Map.of()));
        ((ObjectNode) withoutImage.data()).remove("image"); // against its schema, which requires it
        try (AgentRuntime agent = startAgent("agent-" + name);
                TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, withoutImage);
            send(
                    producer,
                    new CreateInstance(
                            name, "after-broken", PROJECT, "c2", "container", false, NO_IMAGE, "", Map.of(), Map.of()));
            producer.flush();

            List<CommandResult> answered = commandResults(results.readUntil(answers("after-broken"), ANSWER_TIMEOUT));

            assertThat(answered)
                    .extracting(CommandResult::commandId, CommandResult::status)
                    .containsExactly(tuple("broken-1", Status.FAILED), tuple("after-broken", Status.DONE));
            assertThat(answered.get(0).message()).startsWith("The agent could not carry the command out");
            assertThat(agent.workloadOf(name).instances()).containsOnlyKeys("c2");
        }
    }

    @Test
    void aCommandDeliveredAgainAfterTheAgentLostItsPlaceIsAnsweredUnderTheSameEventId() throws Exception {
        ReportInventory report = new ReportInventory(name, UUID.randomUUID().toString());
        try (TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(
                    producer,
                    new CreateInstance(
                            name,
                            UUID.randomUUID().toString(),
                            PROJECT,
                            "c1",
                            "container",
                            true,
                            NO_IMAGE,
                            "",
                            Map.of(),
                            Map.of()));
            send(producer, report);
            producer.flush();
            try (AgentRuntime first = startAgent("agent-" + name)) {
                results.readUntil(
                        received -> answersTo(received, report.commandId()).size() == 1, ANSWER_TIMEOUT);
            }
            // the agent comes back without its committed offsets (a new consumer group) and without its memory of
            // what it answered: every command is delivered to it again, and it answers each again
            try (AgentRuntime second = startAgent("agent-" + name + "-again")) {
                List<ConsumerRecord<String, byte[]>> received = results.readUntil(
                        all -> answersTo(all, report.commandId()).size() == 2, ANSWER_TIMEOUT);

                List<EventEnvelope> sends = answersTo(received, report.commandId());
                assertThat(sends).hasSize(2);
                assertThat(sends)
                        .extracting(EventEnvelope::id)
                        .containsOnly(AgentResult.idOfAnswerTo(report.commandId()));
                InventoryReported inventory =
                        Records.codec().dataAs(sends.get(1).data(), InventoryReported.class);
                assertThat(inventory.instances())
                        .containsExactly(new InventoryInstance(PROJECT, "c1", "container", "Running"));
            }
        }
    }

    @Test
    void aSlowImageCopyDoesNotHoldUpTheMembersOtherCommandsAndIsAnsweredOnceWhenDone() throws Exception {
        byte[] image = new byte[IMAGE_SIZE];
        new Random(IMAGE_SEED).nextBytes(image);
        String fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(); // a large image on a slow link
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, image.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(image);
            }
        });
        server.start();
        String source = "http://127.0.0.1:" + server.getAddress().getPort() + "/1.0/images/" + fingerprint + "/export";
        try (AgentRuntime agent = startAgent("agent-" + name);
                TopicReader results = new TopicReader(Topics.AGENT_RESULTS);
                KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, new CopyImage(name, "copy-1", fingerprint, source, false));
            send(producer, new CopyImage(name, "copy-1", fingerprint, source, false)); // delivered twice
            send(
                    producer,
                    new CreateInstance(
                            name, "create-1", PROJECT, "c9", "container", false, NO_IMAGE, "", Map.of(), Map.of()));

            List<CommandResult> whileCopying = commandResults(results.readUntil(answers("create-1"), ANSWER_TIMEOUT));
            assertThat(whileCopying).extracting(CommandResult::commandId).containsExactly("create-1");

            release.countDown();
            List<CommandResult> answered = commandResults(results.readUntil(answers("copy-1"), ANSWER_TIMEOUT));
            assertThat(answered).extracting(CommandResult::commandId).containsExactly("create-1", "copy-1");
            assertThat(answered.get(1).status()).as(answered.get(1).message()).isEqualTo(Status.DONE);
            assertThat(agent.workloadOf(name).images()).contains(fingerprint);
            assertThat(agent.workloadOf(name).imageDirectory().resolve(fingerprint))
                    .hasBinaryContent(image);
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void everyMemberReportsItsInventoryUnaskedAtStartAndThenEveryInterval(@TempDir Path state) throws Exception {
        try (TopicReader results = new TopicReader(Topics.AGENT_RESULTS)) {
            try (AgentRuntime first = startAgent("agent-" + name, state, Duration.ofHours(1));
                    KafkaProducer<String, byte[]> producer = producer()) {
                send(
                        producer,
                        new CreateInstance(
                                name, "created", PROJECT, "c1", "container", true, NO_IMAGE, "", Map.of(), Map.of()));
                producer.flush();
                results.readUntil(answers("created"), ANSWER_TIMEOUT);
            }
            // the agent comes back on the same state directory: it still has c1, and says so unasked, again and again
            try (AgentRuntime second = startAgent("agent-" + name, state, Duration.ofMillis(300))) {
                List<InventoryReported> reports = Records.events(
                        results.readUntil(
                                received -> Records.events(
                                                        received,
                                                        InventoryReported.class,
                                                        report ->
                                                                report.member().equals(name)
                                                                        && !report.instances()
                                                                                .isEmpty())
                                                .size()
                                        >= 2,
                                ANSWER_TIMEOUT),
                        InventoryReported.class,
                        report -> report.member().equals(name));

                assertThat(reports.get(0).instances()).isEmpty(); // the first agent's report at its start
                assertThat(reports.subList(1, reports.size()))
                        .hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(report -> assertThat(report.instances())
                                .containsExactly(new InventoryInstance(PROJECT, "c1", "container", "Running")))
                        .allSatisfy(report -> assertThat(report.commandId()).startsWith("inventory-"))
                        .extracting(InventoryReported::commandId)
                        .doesNotHaveDuplicates();
            }
        }
    }

    private AgentRuntime startAgent(String commandGroup, Path state, Duration inventories) {
        return AgentRuntime.start(
                new AgentRuntime.Settings(
                                TestInfrastructure.kafkaAs("agent-" + name),
                                HEARTBEAT_INTERVAL,
                                "/muster/member-agent/" + name,
                                commandGroup,
                                "127.0.0.1",
                                0,
                                "127.0.0.1")
                        .withState(state, inventories),
                List.of(new AgentRuntime.MemberSpec(name, new SimulatedHost(1, 0, HEARTBEAT_INTERVAL, "x86_64"))),
                MemberLife.ALIVE);
    }

    private AgentRuntime startAgent(String commandGroup) {
        return AgentRuntime.start(
                new AgentRuntime.Settings(
                        TestInfrastructure.kafkaAs("agent-" + name),
                        HEARTBEAT_INTERVAL,
                        "/muster/member-agent/" + name,
                        commandGroup,
                        "127.0.0.1",
                        0,
                        "127.0.0.1"),
                List.of(new AgentRuntime.MemberSpec(name, new SimulatedHost(1, 0, HEARTBEAT_INTERVAL, "x86_64"))),
                MemberLife.ALIVE);
    }

    /** Until this member's command {@code commandId} is answered. */
    private Predicate<List<ConsumerRecord<String, byte[]>>> answers(String commandId) {
        return received -> commandResults(received).stream()
                .anyMatch(result -> result.commandId().equals(commandId));
    }

    private List<CommandResult> commandResults(List<ConsumerRecord<String, byte[]>> received) {
        return Records.events(
                received, CommandResult.class, result -> result.member().equals(name));
    }

    /** The envelopes of the answers to the command {@code commandId}, each sending of one. */
    private static List<EventEnvelope> answersTo(List<ConsumerRecord<String, byte[]>> received, String commandId) {
        return Records.envelopes(received).stream()
                .filter(envelope ->
                        commandId.equals(envelope.data().path("command_id").stringValue("")))
                .toList();
    }

    private static void send(KafkaProducer<String, byte[]> producer, AgentCommand command) throws Exception {
        send(producer, Records.codec().envelope(command));
    }

    private static void send(KafkaProducer<String, byte[]> producer, EventEnvelope command) throws Exception {
        producer.send(new ProducerRecord<>(
                        Topics.AGENT_COMMANDS,
                        command.subject(),
                        Records.codec().toBytes(command)))
                .get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(TestInfrastructure.kafkaClientConfig(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
