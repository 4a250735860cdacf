package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.agent.simulation.SimulatedFleet;
import dev.muster.events.EventCodec;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import dev.muster.events.images.ImageReplicaRequested;
import dev.muster.events.membership.MemberRemovalRequested;
import dev.muster.events.membership.MemberRemoved;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Removing a member that holds the only copy of an image (cluster.images_minimal_replica = 1), as LXD does it: the
 * image is copied elsewhere first and the member goes; where no other member can take it, the removal is refused
 * unless forced. Real services as processes, a simulated fleet whose agents really download.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberRemovalWithImagesTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of("membership-service", "health-monitor", "image-service", "gateway")
            .withImageStore()
            .with("MUSTER_IMAGES_REPLICATION_CHECK", "1s")
            .with("MUSTER_MEMBERSHIP_REMOVAL_IMAGE_WAIT", "5s")
            .withFleet(3, "d" + System.nanoTime() % 10000 + "-");

    static Lxd lxd;
    static ImageClient images;
    static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        lxd = stack.lxd();
        images = new ImageClient(stack.port("gateway"));
        fleet = stack.fleet();
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.images_minimal_replica':'1'}}"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(1)
    void theOnlyHolderIsRemovedOnceItsImageIsCopiedToAnotherMember() throws Exception {
        byte[] tarball = ImageTarballs.unified("x86_64", "Only here", 512 << 10);
        String fingerprint = ImageClient.sha256(tarball);
        assertThat(images.upload(tarball).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> images.locations(fingerprint).size() == 1);
        String holder = images.locations(fingerprint).getFirst();

        Lxd.Answer removal = lxd.send("DELETE", "/1.0/cluster/members/" + holder, null);

        assertThat(removal.status()).as(removal.body().toString()).isEqualTo(200);
        // the image service hears of the removal a moment later and forgets the removed holder's copy
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !images.locations(fingerprint).contains(holder));
        assertThat(images.locations(fingerprint)).hasSize(1);
        String newHolder = images.locations(fingerprint).getFirst();
        assertThat(fleet.workloadOf(newHolder).imageDirectory().resolve(fingerprint))
                .hasBinaryContent(tarball);
        assertThat(membershipEventsAbout(holder))
                .as("asked for the copies first, then removed")
                .containsSubsequence("MemberRemovalRequested", "MemberRemoved");
        assertThat(copyReasons(fingerprint)).contains("removal");
    }

    @Test
    @Order(2)
    void theOnlyHolderStaysWhenNoOtherMemberCanTakeTheImageUnlessForced() throws Exception {
        byte[] tarball = ImageTarballs.unified("x86_64", "Nowhere else", 256 << 10);
        String fingerprint = ImageClient.sha256(tarball);
        assertThat(images.upload(tarball).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> images.locations(fingerprint).size() == 1);
        String holder = images.locations(fingerprint).getFirst();
        String other = remainingMembers().stream()
                .filter(name -> !name.equals(holder))
                .findFirst()
                .orElseThrow();
        Lxd.Answer evacuation = lxd.send(
                "POST",
                "/1.0/cluster/members/" + other + "/state",
                json("{'action':'evacuate','mode':'stop','force':true}"));
        assertThat(evacuation.status())
                .as(evacuation.body().toString())
                .isEqualTo(202); // evacuated members take no copies

        Lxd.Answer refused = lxd.send("DELETE", "/1.0/cluster/members/" + holder, null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("Node still has the following images: " + fingerprint);
        assertThat(remainingMembers()).contains(holder);
        assertThat(lxd.send("DELETE", "/1.0/cluster/members/" + holder + "?force=1", null)
                        .status())
                .isEqualTo(200);
        assertThat(remainingMembers()).containsExactly(other);
    }

    private static List<String> remainingMembers() {
        return lxd.get("/1.0/cluster/members?recursion=1")
                .metadata()
                .valueStream()
                .map(member -> member.get("server_name").asString())
                .toList();
    }

    /** The simple names of the membership events about {@code member}, in the order an outside consumer reads them. */
    private static List<String> membershipEventsAbout(String member) {
        return events(Topics.MEMBERSHIP).stream()
                .map(event -> switch (event) {
                    case MemberRemovalRequested requested
                    when requested.name().equals(member) -> "MemberRemovalRequested";
                    case MemberRemoved removed when removed.name().equals(member) -> "MemberRemoved";
                    default -> null;
                })
                .filter(Objects::nonNull)
                .toList();
    }

    private static List<String> copyReasons(String fingerprint) {
        return events(Topics.IMAGES).stream()
                .map(event -> event instanceof ImageReplicaRequested requested
                                && requested.fingerprint().equals(fingerprint)
                        ? requested.reason()
                        : null)
                .filter(Objects::nonNull)
                .toList();
    }

    private static List<PublicEvent> events(String topic) {
        EventCodec codec = new EventCodec("/test");
        try (TopicReader reader = new TopicReader(topic)) {
            return reader.readUntil(records -> false, Duration.ofSeconds(2)).stream()
                    .map(record ->
                            codec.dataOf(codec.readEnvelope(record.value())).orElse(null))
                    .filter(Objects::nonNull)
                    .toList();
        }
    }
}
