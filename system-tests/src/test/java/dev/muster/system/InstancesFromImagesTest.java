package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.agent.cluster.ClusterJoiner;
import dev.muster.agent.cluster.GatewayClient;
import dev.muster.agent.images.ImageDownloader;
import dev.muster.agent.simulation.FleetSettings;
import dev.muster.agent.simulation.SimulatedFleet;
import dev.muster.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Instances created from images imported into the cluster, on members that really download and verify them: two
 * x86_64 members and one aarch64 member (simulated agents), the whole stack as processes, one copy of each image
 * (cluster.images_minimal_replica=1), so most members lack it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstancesFromImagesTest {

    static final String RUN =
            "i" + System.nanoTime() % 100000; // fresh member names, so no image directory of an earlier run is reused

    @RegisterExtension
    static final MusterStack stack = MusterStack.of(
                    "membership-service", "health-monitor", "scheduler-service", "image-service", "gateway")
            .withImageStore()
            .with("MUSTER_IMAGES_REPLICATION_CHECK", "1s")
            .with("MUSTER_SCHEDULER_SEED", "7")
            .withFleet(2, RUN + "-x", settings -> settings.withArchitecture("x86_64"));

    static Lxd lxd;
    static SimulatedFleet intel;
    static SimulatedFleet arm;
    static String armMember;
    static String alpine;

    @BeforeAll
    static void start() throws Exception {
        lxd = stack.lxd();
        intel = stack.fleet();
        arm = stack.startFleet(FleetSettings.of(1, TestInfrastructure.kafkaAs("agent-arm-fleet"))
                .withPrefix(RUN + "-a")
                .withArchitecture("aarch64"));
        armMember = arm.memberNames().getFirst();
        new ClusterJoiner(new GatewayClient(stack.gateway())).joinWithNewToken(armMember, "10.200.0.1:8443", "aarch64");
        lxd.awaitOnlineMembers(3);
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.images_minimal_replica':'1'}}"))
                        .status())
                .isEqualTo(200);

        alpine = upload(ImageTarballs.unified("x86_64", "Alpine for instances", 200 << 10));
        Lxd.Answer alias = lxd.send("POST", "/1.0/images/aliases", json("{'name':'alpine','target':'" + alpine + "'}"));
        assertThat(alias.status()).as(alias.raw().body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> locations(alpine).size() == 1);
    }

    @Test
    @Order(1)
    void anInstanceFromAnAliasOnAMemberWithoutTheImageMakesThatMemberFetchAVerifiedCopy() {
        String member = intel.memberNames().stream()
                .filter(name -> !locations(alpine).contains(name))
                .findFirst()
                .orElseThrow();
        Path copy = intel.workloadOf(member).imageDirectory().resolve(alpine);
        assertThat(copy).doesNotExist();

        Lxd.Answer created = lxd.send(
                "POST",
                "/1.0/instances?target=" + member,
                json("{'name':'from-alias','source':{'type':'image','alias':'alpine'}}"));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
        JsonNode operation = lxd.awaitOperation(created);
        assertThat(operation.get("status").asString()).as(operation.toString()).isEqualTo("Success");
        assertThat(ImageDownloader.verify(alpine, intel.workloadOf(member).imageDirectory()))
                .as("the member's copy")
                .isNull();
        assertThat(intel.workloadOf(member).instances()).containsKey("from-alias");
        JsonNode instance = lxd.get("/1.0/instances/from-alias").metadata();
        assertThat(instance.get("location").asString()).isEqualTo(member);
        assertThat(instance.get("architecture").asString()).isEqualTo("x86_64");
        assertThat(instance.get("config").get("volatile.base_image").asString()).isEqualTo(alpine);
        await().atMost(Duration.ofSeconds(20)).until(() -> locations(alpine).contains(member));
    }

    @Test
    @Order(2)
    void instancesFromAFingerprintPrefixArePlacedOnMembersOfTheImagesArchitecture() throws Exception {
        String armImage = upload(ImageTarballs.unified("aarch64", "Alpine for arm", 150 << 10));

        for (int i = 0; i < 3; i++) { // fewest instances alone would spread them over the x86_64 members too
            JsonNode operation = lxd.awaitOperation(lxd.send(
                    "POST",
                    "/1.0/instances",
                    json("{'name':'arm-" + i + "','source':{'type':'image','fingerprint':'" + armImage.substring(0, 12)
                            + "'}}")));
            assertThat(operation.get("status").asString())
                    .as(operation.toString())
                    .isEqualTo("Success");
            JsonNode instance = lxd.get("/1.0/instances/arm-" + i).metadata();
            assertThat(instance.get("location").asString()).isEqualTo(armMember);
            assertThat(instance.get("architecture").asString()).isEqualTo("aarch64");
        }
        assertThat(ImageDownloader.verify(armImage, arm.workloadOf(armMember).imageDirectory()))
                .isNull();

        JsonNode intelInstance = lxd.awaitOperation(lxd.send(
                "POST",
                "/1.0/instances",
                json("{'name':'intel-1','source':{'type':'image','fingerprint':'" + alpine + "'}}")));
        assertThat(intelInstance.get("status").asString()).isEqualTo("Success");
        assertThat(lxd.get("/1.0/instances/intel-1").metadata().get("location").asString())
                .isIn(intel.memberNames());
    }

    @Test
    @Order(3)
    void anImageThatIsNotThereIsRefusedWithLxdsErrorAndLeavesNoInstanceOrOperation() {
        assertError(
                lxd.send(
                        "POST",
                        "/1.0/instances",
                        json("{'name':'ghost','source':{'type':'image','alias':'no-such-alias'}}")),
                404,
                "Image alias not found");
        assertError(
                lxd.send(
                        "POST",
                        "/1.0/instances",
                        json("{'name':'ghost','source':{'type':'image','fingerprint':'0000ffff'}}")),
                404,
                "Image not found");
        assertError(
                lxd.send("POST", "/1.0/instances", json("{'name':'ghost','source':{'type':'image'}}")),
                400,
                "Must specify one of alias, fingerprint or properties for init from image");
        Lxd.Answer remote = lxd.send(
                "POST",
                "/1.0/instances",
                json(
                        "{'name':'ghost','source':{'type':'image','alias':'alpine','server':'https://images.linuxcontainers.org'}}"));
        assertThat(remote.status()).isEqualTo(400);
        assertThat(remote.error()).startsWith("Muster creates instances only from images imported into the cluster");

        assertThat(lxd.get("/1.0/instances/ghost").status()).isEqualTo(404);
        // a creation accepted after the refusals: once its operation is listed, one for "ghost" would be too
        Lxd.Answer later = lxd.send(
                "POST",
                "/1.0/instances",
                json("{'name':'after-ghost','source':{'type':'image','fingerprint':'" + alpine + "'}}"));
        assertThat(lxd.awaitOperation(later).get("status").asString()).isEqualTo("Success");
        String operations = lxd.get("/1.0/operations?recursion=1").metadata().toString();
        assertThat(operations).contains("/1.0/instances/after-ghost").doesNotContain("/1.0/instances/ghost\"");
    }

    private static String upload(byte[] tarball) throws Exception {
        String fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tarball));
        HttpResponse<String> upload = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("gateway") + "/1.0/images"))
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(tarball))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode imported = lxd.awaitOperation(
                new Lxd.Answer(upload.statusCode(), JsonMapper.builder().build().readTree(upload.body()), upload));
        assertThat(imported.get("status").asString()).isEqualTo("Success");
        return fingerprint;
    }

    private static List<String> locations(String fingerprint) {
        List<String> holders = new ArrayList<>();
        lxd.get("/1.0/images/" + fingerprint).metadata().get("locations").forEach(node -> holders.add(node.asString()));
        return holders;
    }

    private static void assertError(Lxd.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.body().get("type").asString()).isEqualTo("error");
        assertThat(answer.error()).isEqualTo(message);
    }
}
