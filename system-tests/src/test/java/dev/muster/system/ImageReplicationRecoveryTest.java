package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.agent.cluster.ClusterJoiner;
import dev.muster.agent.cluster.GatewayClient;
import dev.muster.agent.runtime.AgentRuntime;
import dev.muster.agent.runtime.MemberLife;
import dev.muster.agent.simulation.SimulatedFleet;
import dev.muster.agent.simulation.SimulatedHost;
import dev.muster.events.EventCodec;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import dev.muster.events.agents.AgentResult;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replication that survives the image service's own death, and -1 reaching members that join later. Real services as
 * processes, real Kafka and PostgreSQL, a simulated fleet whose agents really download and verify their copies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageReplicationRecoveryTest {

    static String prefix = "k" + System.nanoTime() % 10000 + "-";

    @RegisterExtension
    static final MusterStack stack = MusterStack.of("membership-service", "health-monitor", "image-service", "gateway")
            .withImageStore()
            .with("MUSTER_IMAGES_REPLICATION_CHECK", "1s")
            .with("MUSTER_IMAGES_VERIFY_INTERVAL", "2s")
            .withFleet(5, prefix);

    static Lxd lxd;
    static ImageClient images;
    static SimulatedFleet fleet;
    static AgentRuntime latecomers;

    @BeforeAll
    static void clients() {
        lxd = stack.lxd();
        images = new ImageClient(stack.port("gateway"));
        fleet = stack.fleet();
    }

    @AfterAll
    static void stopLatecomers() {
        if (latecomers != null) {
            latecomers.close();
        }
    }

    @Test
    @Order(1)
    void theImageServiceKilledMidReplicationConvergesAfterRestartWithoutDuplicateCopies() throws Exception {
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.images_minimal_replica':'3'}}"))
                        .status())
                .isEqualTo(200);
        byte[] tarball = ImageTarballs.unified("x86_64", "Killed midway", 8 << 20);
        String fingerprint = ImageClient.sha256(tarball);

        assertThat(images.upload(tarball).statusCode()).isEqualTo(202);
        stack.kill("image-service"); // the copy commands are in its outbox, on their way, or being answered
        // agents answer while it is dead: every copy command it got out before dying gets its result
        await().atMost(Duration.ofSeconds(30)).until(() -> everyCopyCommandAnswered(fingerprint));
        stack.start("image-service");
        stack.awaitHealthy("image-service");

        await().atMost(Duration.ofSeconds(40))
                .until(() -> images.locations(fingerprint).size() == 3);
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> images.locations(fingerprint).size() == 3);
        for (String holder : images.locations(fingerprint)) {
            assertThat(fleet.workloadOf(holder).imageDirectory().resolve(fingerprint))
                    .hasBinaryContent(tarball);
        }
        assertThat(membersWithACopyOnDisk(fleet, fingerprint))
                .containsExactlyInAnyOrderElementsOf(images.locations(fingerprint));
        List<String> stored = replicasStored(fingerprint, 3);
        assertThat(stored)
                .as("one muster.image.replica-stored per holder, none twice")
                .hasSize(3)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(images.locations(fingerprint));
    }

    @Test
    @Order(2)
    void aCorruptedCopyIsDetectedAndReplacedByAVerifiedOne() throws Exception {
        byte[] tarball = ImageTarballs.unified("x86_64", "Rotting", 2 << 20);
        String fingerprint = ImageClient.sha256(tarball);
        assertThat(images.upload(tarball).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> images.locations(fingerprint).size() == 3);
        String victim = images.locations(fingerprint).getFirst();
        Path copy = fleet.workloadOf(victim).imageDirectory().resolve(fingerprint);
        byte[] rotten = Files.readAllBytes(copy);
        rotten[rotten.length / 2] ^= 0x01; // one flipped bit
        Files.write(copy, rotten);

        await().atMost(Duration.ofSeconds(30)).until(() -> replicaLost(fingerprint, victim));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> images.locations(fingerprint).size() == 3
                        && images.locations(fingerprint).stream()
                                .allMatch(holder -> intact(holder, fingerprint, tarball)));
        assertThat(membersWithACopyOnDisk(fleet, fingerprint))
                .containsExactlyInAnyOrderElementsOf(images.locations(fingerprint));
    }

    @Test
    @Order(3)
    void minusOnePutsACopyOnEveryMemberIncludingOneThatJoinsLater() throws Exception {
        byte[] tarball = ImageTarballs.unified("x86_64", "Everywhere", 1 << 20);
        String fingerprint = ImageClient.sha256(tarball);
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.images_minimal_replica':'-1'}}"))
                        .status())
                .isEqualTo(200);
        assertThat(images.upload(tarball).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> images.locations(fingerprint).size() == 5);

        String latecomer = prefix + "late";
        latecomers = AgentRuntime.start(
                new AgentRuntime.Settings(
                        TestInfrastructure.kafkaAs("agent-" + latecomer),
                        Duration.ofSeconds(1),
                        "/muster/member-agent/" + latecomer,
                        "agent-" + latecomer,
                        "127.0.0.1",
                        0,
                        "127.0.0.1"),
                List.of(new AgentRuntime.MemberSpec(
                        latecomer, new SimulatedHost(7, 99, Duration.ofSeconds(1), "x86_64"))),
                MemberLife.STARTING);
        new ClusterJoiner(new GatewayClient(URI.create("http://127.0.0.1:" + stack.port("gateway"))))
                .joinWithNewToken(latecomer, "10.9.9.9:8443", "x86_64");
        latecomers.resume(latecomer);
        lxd.awaitOnlineMembers(6);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> images.locations(fingerprint).contains(latecomer));
        assertThat(images.locations(fingerprint)).hasSize(6);
        assertThat(latecomers.workloadOf(latecomer).imageDirectory().resolve(fingerprint))
                .hasBinaryContent(tarball);
    }

    /** Whether every image-copy command of the image on Kafka so far has an agent's result there. */
    private static boolean everyCopyCommandAnswered(String fingerprint) {
        EventCodec codec = new EventCodec("/test");
        Set<String> commands = new HashSet<>();
        Set<String> answered = new HashSet<>();
        try (TopicReader reader = new TopicReader(Topics.AGENT_COMMANDS)) {
            for (ConsumerRecord<String, byte[]> record : reader.readUntil(records -> false, Duration.ofSeconds(1))) {
                if (codec.dataOf(codec.readEnvelope(record.value())).orElse(null) instanceof CopyImage command
                        && command.fingerprint().equals(fingerprint)) {
                    commands.add(command.commandId());
                }
            }
        }
        try (TopicReader reader = new TopicReader(Topics.AGENT_RESULTS)) {
            for (ConsumerRecord<String, byte[]> record : reader.readUntil(records -> false, Duration.ofSeconds(1))) {
                if (codec.dataOf(codec.readEnvelope(record.value())).orElse(null) instanceof AgentResult result) {
                    answered.add(result.commandId());
                }
            }
        }
        return answered.containsAll(commands);
    }

    private static List<String> membersWithACopyOnDisk(SimulatedFleet members, String fingerprint) {
        return members.memberNames().stream()
                .filter(name ->
                        Files.exists(members.workloadOf(name).imageDirectory().resolve(fingerprint)))
                .toList();
    }

    /** The members named by muster.image.replica-stored events of the image, as an outside consumer reads them. */
    private static List<String> replicasStored(String fingerprint, int atLeast) {
        EventCodec codec = new EventCodec("/test");
        try (TopicReader reader = new TopicReader(Topics.IMAGES)) {
            reader.readUntil(
                    records -> storedIn(records, codec, fingerprint).size() >= atLeast, Duration.ofSeconds(10));
            // and a little longer, for any duplicate still on its way
            return storedIn(reader.readUntil(records -> false, Duration.ofSeconds(3)), codec, fingerprint);
        }
    }

    private static List<String> storedIn(
            List<ConsumerRecord<String, byte[]>> records, EventCodec codec, String fingerprint) {
        List<String> members = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<PublicEvent> event = codec.dataOf(codec.readEnvelope(record.value()));
            if (event.orElse(null) instanceof ImageReplicaStored stored
                    && stored.fingerprint().equals(fingerprint)) {
                members.add(stored.member());
            }
        }
        return members;
    }

    private static boolean intact(String member, String fingerprint, byte[] tarball) {
        try {
            return Arrays.equals(
                    Files.readAllBytes(fleet.workloadOf(member).imageDirectory().resolve(fingerprint)), tarball);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a muster.image.replica-lost says that the member's copy of the image is gone. */
    private static boolean replicaLost(String fingerprint, String member) {
        EventCodec codec = new EventCodec("/test");
        try (TopicReader reader = new TopicReader(Topics.IMAGES)) {
            return reader.readUntil(records -> false, Duration.ofSeconds(1)).stream()
                    .map(record ->
                            codec.dataOf(codec.readEnvelope(record.value())).orElse(null))
                    .anyMatch(event -> event instanceof ImageReplicaLost lost
                            && lost.fingerprint().equals(fingerprint)
                            && lost.member().equals(member));
        }
    }
}
