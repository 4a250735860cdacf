package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.muster.agent.simulation.SimulatedFleet;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image formats operators really have: xz-compressed unified tarballs, and split images (a metadata tarball and
 * a rootfs, {@code lxc image import META ROOTFS}) uploaded, exported as LXD does and part by part, refused without
 * leftovers when broken, and copied to members with both files; and the real lxc importing and exporting one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitAndXzImagesTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of("membership-service", "health-monitor", "image-service", "gateway")
            .withImageStore()
            .with("MUSTER_IMAGES_REPLICATION_CHECK", "1s")
            .withUnixSocket()
            .withFleet(2, "s" + System.nanoTime() % 10000 + "-");

    static Lxd lxd;
    static SimulatedFleet fleet;
    static Path store;
    static Path lxdDir;
    static byte[] metadata;
    static byte[] rootfs;
    static String splitFingerprint;

    @BeforeAll
    static void start() throws Exception {
        store = stack.imageStore();
        lxdDir = stack.lxdDir();
        lxd = stack.lxd();
        fleet = stack.fleet();
        assertThat(lxd.send("PATCH", "/1.0", json("{'config':{'cluster.images_minimal_replica':'2'}}"))
                        .status())
                .isEqualTo(200);
        metadata = ImageTarballs.splitMetadataXz("aarch64", "Alpine split");
        rootfs = ImageTarballs.rootfs("Alpine split", 2 << 20);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(metadata);
        sha256.update(rootfs);
        splitFingerprint = HexFormat.of().formatHex(sha256.digest());
    }

    @Test
    @Order(1)
    void anXzUnifiedUploadGetsItsSha256AndTheArchitectureOfItsMetadata() throws Exception {
        byte[] tarball = ImageTarballs.unifiedXz("armv7l", "Alpine xz", 1 << 20);
        String fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tarball));

        JsonNode operation = awaitUpload(upload("application/octet-stream", tarball));

        assertThat(operation.get("metadata").get("fingerprint").asString()).isEqualTo(fingerprint);
        JsonNode image = lxd.get("/1.0/images/" + fingerprint).metadata();
        assertThat(image.get("architecture").asString()).isEqualTo("armv7l");
        assertThat(image.get("properties").get("description").asString()).isEqualTo("Alpine xz");
    }

    @Test
    @Order(2)
    void aSplitUploadIsNamedBySha256OfMetadataThenRootfsAndSizedByBoth() throws Exception {
        String boundary = "b0und4ry" + System.nanoTime();
        byte[] body = ImageTarballs.splitUpload(boundary, metadata, "meta.tar.xz", rootfs, "rootfs.squashfs");

        JsonNode operation = awaitUpload(upload("multipart/form-data; boundary=" + boundary, body));

        assertThat(operation.get("metadata").get("fingerprint").asString()).isEqualTo(splitFingerprint);
        JsonNode image = lxd.get("/1.0/images/" + splitFingerprint).metadata();
        assertThat(image.get("architecture").asString()).isEqualTo("aarch64");
        assertThat(image.get("size").asLong()).isEqualTo(metadata.length + rootfs.length);
        assertThat(image.get("type").asString()).isEqualTo("container");
        assertThat(image.get("filename").asString()).isEqualTo("rootfs.squashfs");
        assertThat(store.resolve(splitFingerprint)).hasBinaryContent(metadata);
        assertThat(store.resolve(splitFingerprint + ".rootfs")).hasBinaryContent(rootfs);
    }

    @Test
    @Order(3)
    void eachPartOfASplitImageCanBeExportedByteForByte() throws Exception {
        HttpResponse<byte[]> meta = export(splitFingerprint + "/export?part=metadata");
        HttpResponse<byte[]> root = export(splitFingerprint + "/export?part=rootfs");

        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.body()).isEqualTo(metadata);
        assertThat(meta.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=meta-" + splitFingerprint + ".tar.xz");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo(rootfs);
        assertThat(root.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=" + splitFingerprint + ".squashfs");
        assertThat(export(splitFingerprint + "/export?part=kernel").statusCode())
                .isEqualTo(400);
    }

    /** As LXD: one multipart/form-data body, part "metadata" then part "rootfs", each with LXD's file name. */
    @Test
    @Order(4)
    void theWholeExportOfASplitImageIsLxdsMultipartBody() throws Exception {
        HttpResponse<byte[]> export = export(splitFingerprint + "/export");

        assertThat(export.statusCode()).isEqualTo(200);
        String contentType = export.headers().firstValue("Content-Type").orElseThrow();
        assertThat(contentType).startsWith("multipart/form-data;").contains("boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        byte[] expected = ImageTarballs.splitUpload(
                boundary, metadata, "meta-" + splitFingerprint + ".tar.xz", rootfs, splitFingerprint + ".squashfs");
        assertThat(export.body()).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void aSplitImageReachesTheMembersWithBothFiles() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> locations(splitFingerprint).size() == 2);

        for (String holder : locations(splitFingerprint)) {
            Path copies = fleet.workloadOf(holder).imageDirectory();
            assertThat(copies.resolve(splitFingerprint)).hasBinaryContent(metadata);
            assertThat(copies.resolve(splitFingerprint + ".rootfs")).hasBinaryContent(rootfs);
        }
    }

    @Test
    @Order(6)
    void aSplitUploadWithABrokenMetadataPartIsRefusedAndLeavesNothingInTheStore() throws Exception {
        List<Path> before = storeFiles();
        String boundary = "broken" + System.nanoTime();
        byte[] notATarball = ImageTarballs.rootfs("not metadata", 50_000);
        byte[] body = ImageTarballs.splitUpload(
                boundary, notATarball, "meta.tar.xz", ImageTarballs.rootfs("other", 300_000), "rootfs");

        HttpResponse<String> refused = upload("multipart/form-data; boundary=" + boundary, body);
        HttpResponse<String> wrongParts = upload(
                "multipart/form-data; boundary=" + boundary,
                new String(body, StandardCharsets.ISO_8859_1)
                        .replace("name=\"metadata\"", "name=\"meta\"")
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(refused.body())
                        .get("error")
                        .asString())
                .startsWith("Failed getting image metadata: ");
        assertThat(wrongParts.statusCode()).isEqualTo(400);
        assertThat(wrongParts.body()).contains("Invalid multipart image");
        assertThat(storeFiles()).isEqualTo(before);
        try (Stream<Path> incoming = Files.list(store.resolve("incoming"))) {
            assertThat(incoming.toList()).isEmpty();
        }
    }

    @Test
    @Order(7)
    void aDeletedSplitImageLosesBothFiles() {
        assertThat(lxd.awaitOperation(lxd.send("DELETE", "/1.0/images/" + splitFingerprint, null))
                        .get("status")
                        .asString())
                .isEqualTo("Success");

        assertThat(store.resolve(splitFingerprint)).doesNotExist();
        assertThat(store.resolve(splitFingerprint + ".rootfs")).doesNotExist();
    }

    /** The real client: {@code lxc image import meta.tar.xz rootfs} (chunked, through the unix socket), then export. */
    @Test
    @Order(8)
    void theRealLxcImportsAndExportsASplitImage() throws Exception {
        assumeTrue(LxcCli.installed(), "lxc is not installed (apt-get install lxd-client)");
        byte[] lxcMetadata = ImageTarballs.splitMetadataXz("x86_64", "Busybox split");
        byte[] lxcRootfs = ImageTarballs.rootfs("Busybox split", 3 << 20);
        Path meta = Files.write(lxdDir.resolve("meta.tar.xz"), lxcMetadata);
        Path root = Files.write(lxdDir.resolve("rootfs.squashfs"), lxcRootfs);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(lxcMetadata);
        sha256.update(lxcRootfs);
        String fingerprint = HexFormat.of().formatHex(sha256.digest());

        String imported = lxc("image", "import", meta.toString(), root.toString(), "--alias", "busybox-split");
        Path exported = Files.createDirectories(lxdDir.resolve("exported"));
        String export = lxc("image", "export", "busybox-split", exported.toString());

        assertThat(imported).contains("Image imported with fingerprint: " + fingerprint);
        assertThat(lxc("image", "list", "--format", "csv")).contains("busybox-split", "x86_64");
        assertThat(export).doesNotContain("Error");
        assertThat(exported.resolve("meta-" + fingerprint + ".tar.xz"))
                .as(export)
                .hasBinaryContent(lxcMetadata);
        assertThat(exported.resolve(fingerprint + ".squashfs")).as(export).hasBinaryContent(lxcRootfs);
    }

    private static HttpResponse<String> upload(String contentType, byte[] body) throws Exception {
        // a body of unknown length, sent chunked through the gateway as lxc sends split images
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("gateway") + "/1.0/images"))
                                .header("Content-Type", contentType)
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitUpload(HttpResponse<String> upload) {
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode operation = lxd.awaitOperation(
                new Lxd.Answer(upload.statusCode(), JsonMapper.builder().build().readTree(upload.body()), upload));
        assertThat(operation.get("status").asString()).isEqualTo("Success");
        return operation;
    }

    private static HttpResponse<byte[]> export(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + stack.port("gateway") + "/1.0/images/" + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> locations(String fingerprint) {
        List<String> holders = new ArrayList<>();
        lxd.get("/1.0/images/" + fingerprint).metadata().get("locations").forEach(node -> holders.add(node.asString()));
        return holders;
    }

    private static List<Path> storeFiles() throws Exception {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String lxc(String... args) throws Exception {
        return LxcCli.run(lxdDir, args).out();
    }
}
