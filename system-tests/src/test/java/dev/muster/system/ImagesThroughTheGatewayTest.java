package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Images through the gateway: direct uploads of unified tarballs, their catalog, export and aliases; and the real lxc. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesThroughTheGatewayTest {

    @RegisterExtension
    static final MusterStack stack =
            MusterStack.of("image-service", "gateway").withImageStore().withUnixSocket();

    static Lxd lxd;
    static Path store;
    static Path lxdDir;
    static byte[] alpine;
    static String fingerprint;

    @BeforeAll
    static void start() throws Exception {
        store = stack.imageStore();
        lxdDir = stack.lxdDir();
        lxd = stack.lxd();
        alpine = ImageTarballs.unified("x86_64", "Alpine edge", 3 << 20); // larger than the 1-MiB JSON limit
        fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(alpine));
    }

    @Test
    @Order(1)
    void aDirectUploadBecomesAnImageNamedByItsSha256() throws Exception {
        HttpResponse<String> upload = upload(alpine, "alpine.tar.gz");

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        JsonNode operation = lxd.awaitOperation(
                new Lxd.Answer(upload.statusCode(), JsonMapper.builder().build().readTree(upload.body()), upload));
        assertThat(operation.get("status").asString()).isEqualTo("Success");
        assertThat(operation.get("metadata").get("fingerprint").asString()).isEqualTo(fingerprint);

        JsonNode image = lxd.get("/1.0/images/" + fingerprint.substring(0, 12)).metadata();
        assertThat(image.get("fingerprint").asString()).isEqualTo(fingerprint);
        assertThat(image.get("architecture").asString()).isEqualTo("x86_64");
        assertThat(image.get("size").asLong()).isEqualTo(alpine.length);
        assertThat(image.get("filename").asString()).isEqualTo("alpine.tar.gz");
        assertThat(image.get("properties").get("os").asString()).isEqualTo("Alpine");
        assertThat(image.get("public").asBoolean()).isFalse();
        assertThat(lxd.get("/1.0/images").metadata().toString()).contains("/1.0/images/" + fingerprint);
    }

    @Test
    @Order(2)
    void theExportIsTheUploadedFileByteForByte() throws Exception {
        HttpResponse<byte[]> export = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("gateway") + "/1.0/images/"
                                        + fingerprint + "/export"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).isEqualTo(alpine);
    }

    @Test
    @Order(3)
    void duplicatesAndTarballsWithoutMetadataAreRefusedAndLeaveNothingBehind() throws Exception {
        HttpResponse<String> duplicate = upload(alpine, "again.tar.gz");
        HttpResponse<String> invalid = upload(ImageTarballs.withoutMetadata(), "broken.tar.gz");

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("Image with same fingerprint already exists");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("metadata.yaml");
        assertThat(lxd.get("/1.0/images").metadata().size()).isEqualTo(1);
        try (var files = Files.list(store.resolve("incoming"))) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(lxd.get("/1.0/images/0000").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aliasesAndPropertiesCanBeManaged() {
        assertThat(lxd.send("POST", "/1.0/images/aliases", json("{'name':'alpine','target':'" + fingerprint + "'}"))
                        .status())
                .isEqualTo(201);
        assertThat(lxd.send("POST", "/1.0/images/aliases", json("{'name':'alpine','target':'" + fingerprint + "'}"))
                        .status())
                .isEqualTo(409);
        Lxd.Answer withoutTarget = lxd.send("POST", "/1.0/images/aliases", json("{'name':'orphan'}"));
        assertThat(withoutTarget.status()).isEqualTo(400);
        assertThat(withoutTarget.raw().body()).contains("name and target are required");
        assertThat(lxd.send("POST", "/1.0/images/aliases", json("{'name':'orphan','target':'0000'}"))
                        .status())
                .isEqualTo(404);
        assertThat(lxd.send("POST", "/1.0/images/aliases/alpine", json("{'name':'alpine-edge'}"))
                        .status())
                .isEqualTo(201);
        assertThat(lxd.get("/1.0/images/aliases/alpine-edge")
                        .metadata()
                        .get("target")
                        .asString())
                .isEqualTo(fingerprint);
        assertThat(lxd.send(
                                "PATCH",
                                "/1.0/images/" + fingerprint,
                                json("{'properties':{'release':'edge'},'public':true}"))
                        .status())
                .isEqualTo(200);

        JsonNode image = lxd.get("/1.0/images/" + fingerprint).metadata();
        assertThat(image.get("aliases").get(0).get("name").asString()).isEqualTo("alpine-edge");
        assertThat(image.get("properties").get("release").asString()).isEqualTo("edge");
        assertThat(image.get("properties").get("os").asString()).isEqualTo("Alpine");
        assertThat(image.get("public").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void theRealLxcImportsAndListsImagesThroughTheUnixSocket() throws Exception {
        assumeTrue(LxcCli.installed(), "lxc is not installed (apt-get install lxd-client)");
        Path tarball = Files.write(lxdDir.resolve("busybox.tar.gz"), ImageTarballs.unified("x86_64", "Busybox", 4096));

        String imported = lxc("image", "import", tarball.toString(), "--alias", "busybox");
        String listed = lxc("image", "list", "--format", "csv");

        assertThat(imported).contains("Image imported with fingerprint");
        assertThat(listed).contains("busybox", "alpine-edge", "x86_64");
    }

    @Test
    @Order(6)
    void aDeletedImageIsGoneWithItsFile() {
        assertThat(lxd.awaitOperation(lxd.send("DELETE", "/1.0/images/" + fingerprint, null))
                        .get("status")
                        .asString())
                .isEqualTo("Success");

        assertThat(lxd.get("/1.0/images/" + fingerprint).status()).isEqualTo(404);
        assertThat(store.resolve(fingerprint)).doesNotExist();
        assertThat(lxd.get("/1.0/images/aliases/alpine-edge").status()).isEqualTo(404);
    }

    private static HttpResponse<String> upload(byte[] tarball, String filename) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("gateway") + "/1.0/images"))
                                .header("Content-Type", "application/octet-stream")
                                .header("X-LXD-filename", filename)
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(tarball))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String lxc(String... args) throws Exception {
        return LxcCli.run(lxdDir, args).out();
    }
}
