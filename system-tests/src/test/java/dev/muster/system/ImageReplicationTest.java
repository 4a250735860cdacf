package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.agent.simulation.SimulatedFleet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Image replication with real agents (a simulated fleet that really downloads and verifies copies): an import reaches
 * exactly cluster.images_minimal_replica members, a holder that dies is replaced as soon as it is flagged offline,
 * and -1 puts a copy on every member.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageReplicationTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of("membership-service", "health-monitor", "image-service", "gateway")
            .withImageStore()
            .with("MUSTER_IMAGES_REPLICATION_CHECK", "1s")
            .withFleet(4, "r" + System.nanoTime() % 10000 + "-");

    static Lxd lxd;
    static SimulatedFleet fleet;
    static String fingerprint;
    static ImageClient images;

    @BeforeAll
    static void start() throws Exception {
        lxd = stack.lxd();
        fleet = stack.fleet();
        assertThat(lxd.send(
                                "PATCH",
                                "/1.0",
                                json(
                                        "{'config':{'cluster.offline_threshold':'10','cluster.images_minimal_replica':'2'}}"))
                        .status())
                .isEqualTo(200);
        byte[] tarball = ImageTarballs.unified("x86_64", "Replicated", 256 << 10);
        fingerprint = ImageClient.sha256(tarball);
        images = new ImageClient(stack.port("gateway"));
        HttpResponse<String> upload = images.upload(tarball);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
    }

    @Test
    @Order(1)
    void anImportReachesExactlyTheMinimalReplicaWithVerifiedCopies() {
        await().atMost(Duration.ofSeconds(20)).until(() -> locations().size() == 2);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> locations().size() == 2);

        for (String holder : locations()) {
            assertThat(fleet.workloadOf(holder).imageDirectory().resolve(fingerprint))
                    .exists();
        }
    }

    @Test
    @Order(2)
    void aDeadHolderIsReplacedAsSoonAsItIsFlaggedOffline() {
        String victim = locations().getFirst();
        long killedAt = System.nanoTime();
        fleet.kill(victim);

        await().atMost(Duration.ofSeconds(25)).until(() -> locations().size() == 3);
        Duration restored = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(locations()).contains(victim); // an offline holder keeps its copy, it just does not count
        assertThat(restored)
                .isLessThan(Duration.ofSeconds(10 + 1 + 5)); // offline threshold + heartbeat + a replication round
    }

    @Test
    @Order(3)
    void minusOneMeansEveryUsableMember() {
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.images_minimal_replica':'-1'}}"))
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> locations().size() == 4);
    }

    private static List<String> locations() {
        return images.locations(fingerprint);
    }
}
