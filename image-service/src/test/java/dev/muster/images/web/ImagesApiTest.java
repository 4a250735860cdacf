package dev.muster.images.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.muster.events.EventCodec;
import dev.muster.events.PublicEvent;
import dev.muster.events.Topics;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.images.ImageReplicaFailed;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.testing.TestInfrastructure;
import dev.muster.testing.TopicReader;
import dev.muster.testing.WithInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images API on real PostgreSQL and Kafka: the domain's refusals reach clients as LXD's error envelope with LXD's
 * status codes and messages, and an agent's answer delivered twice is applied once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "muster.images.store=${java.io.tmpdir}/muster-images-test-${random.uuid}",
            "muster.eventing.relay.idle-poll=200ms",
            "muster.images.metadata-scan.max-entries=20",
            "muster.images.decompressor.idle-timeout=1s",
            "muster.images.decompressor.zstd-command=${muster.test.hanging-zstd}"
        })
@WithInfrastructure
class ImagesApiTest {

    private static final EventCodec CODEC = new EventCodec("/muster/test-agent");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body) {
        String error() {
            return body.path("error").asString();
        }
    }

    @Test
    void refusalsAreLxdsErrorsWithLxdsStatusCodesAndMessages() throws Exception {
        byte[] tarball = tarball("refusals-" + UUID.randomUUID());
        assertThat(upload(tarball).status()).isEqualTo(202);

        Answer duplicate = upload(tarball);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("type").asString()).isEqualTo("error");
        assertThat(duplicate.body().path("error_code").asInt()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("Image with same fingerprint already exists");

        Answer unknown = send("GET", "/1.0/images/" + "f".repeat(64), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("Image not found");

        Answer noTarget = send("POST", "/1.0/images/aliases", "{\"name\":\"a\"}");
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.error()).isEqualTo("name and target are required");

        Answer noAlias = send("PUT", "/1.0/images/aliases/nope-" + UUID.randomUUID(), "{\"target\":\"x\"}");
        assertThat(noAlias.status()).isEqualTo(404);
        assertThat(noAlias.error()).isEqualTo("Image alias not found");

        Answer notAnImage = upload("not an image".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnImage.status()).isEqualTo(400);
        assertThat(notAnImage.error()).startsWith("Failed getting image metadata: ");
    }

    /**
     * A decompressor that never writes a byte (and notes its process id): it stands in for zstd. (Handed over as a
     * system property: a {@code @DynamicPropertySource} here overflows the stack of Spring Boot's property sources.)
     */
    private static final Path HANGING_ZSTD = hangingDecompressor();

    static {
        System.setProperty("muster.test.hanging-zstd", HANGING_ZSTD.toString());
    }

    @Test
    void anUploadWhoseMetadataYamlIsNotAmongTheFirstEntriesIsRefusedWithA400() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (int i = 0; i < 30; i++) {
            tarEntry(tar, "rootfs/file" + i, new byte[10]);
        }
        tarEntry(tar, "metadata.yaml", "architecture: x86_64\n".getBytes(StandardCharsets.UTF_8));
        tar.write(new byte[1024]);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            tar.writeTo(out);
        }

        Answer refused = upload(compressed.toByteArray());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("type").asString()).isEqualTo("error");
        assertThat(refused.error()).contains("metadata.yaml was not found within the first 20 entries");
    }

    @Test
    void anUploadWhoseDecompressorHangsIsRefusedWithA400AndTheDecompressorKilled() throws Exception {
        byte[] zstdMagic = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 1, 2, 3};

        Answer refused = upload(zstdMagic);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error_code").asInt()).isEqualTo(400);
        assertThat(refused.error()).contains("Decompressing the image with zstd produced nothing for 1 s");
        long pid = Long.parseLong(
                Files.readString(HANGING_ZSTD.resolveSibling("pid")).trim());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(ImagesApiTest::notZombie))
                .as("the decompressor is gone")
                .isEmpty();
    }

    private static boolean notZombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static Path hangingDecompressor() {
        try {
            Path directory = Files.createTempDirectory("hanging-zstd");
            Path script = directory.resolve("zstd");
            Files.writeString(script, "#!/bin/sh\necho $$ > " + directory.resolve("pid") + "\nexec sleep 600\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ustar entry: its header (name, octal size) and its content padded to 512-byte blocks. */
    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] content) {
        byte[] header = new byte[512];
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        tar.writeBytes(header);
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    @Test
    void aFailedCopyAnsweredTwiceIsRecordedOnce() throws Exception {
        Answer uploaded = upload(tarball("answers-" + UUID.randomUUID()));
        assertThat(uploaded.status()).isEqualTo(202);
        String fingerprint = uploaded.body()
                .path("metadata")
                .path("metadata")
                .path("fingerprint")
                .asString();
        assertThat(fingerprint).hasSize(64);
        CopyImage failing =
                new CopyImage("m-" + UUID.randomUUID(), UUID.randomUUID().toString(), fingerprint, "http://x", false);
        CopyImage succeeding =
                new CopyImage(failing.member(), UUID.randomUUID().toString(), fingerprint, "http://x", false);

        try (KafkaProducer<String, byte[]> producer = producer();
                TopicReader images = new TopicReader(Topics.IMAGES)) {
            send(producer, CommandResult.failed(failing, "disk full"));
            send(producer, CommandResult.failed(failing, "disk full")); // delivered twice: the same event id
            send(producer, CommandResult.done(succeeding)); // same member, same partition: applied after both

            List<PublicEvent> events = images
                    .readUntil(
                            received ->
                                    decoded(received).contains(new ImageReplicaStored(fingerprint, failing.member())),
                            Duration.ofSeconds(60))
                    .stream()
                    .map(ImagesApiTest::decode)
                    .filter(Objects::nonNull)
                    .toList();

            assertThat(events).contains(new ImageReplicaStored(fingerprint, failing.member()));
            assertThat(events)
                    .containsOnlyOnce(
                            new ImageReplicaFailed(fingerprint, failing.member(), failing.commandId(), "disk full"));
            assertThat(events).filteredOn(ImageReplicaFailed.class::isInstance).hasSize(1);
        }
    }

    private static List<PublicEvent> decoded(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(ImagesApiTest::decode)
                .filter(Objects::nonNull)
                .toList();
    }

    private static PublicEvent decode(ConsumerRecord<String, byte[]> record) {
        return CODEC.dataOf(CODEC.readEnvelope(record.value())).orElse(null);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(TestInfrastructure.kafkaClientConfig(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static void send(KafkaProducer<String, byte[]> producer, PublicEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.AGENT_RESULTS, event.key(), CODEC.toBytes(CODEC.envelope(event))))
                .get(10, TimeUnit.SECONDS);
    }

    private Answer upload(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/1.0/images"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Answer send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** A unified image tarball (metadata.yaml and rootfs/) made by GNU tar, its content unique to {@code seed}. */
    private byte[] tarball(String seed) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "tar is not installed");
        Path tree = Files.createTempDirectory(dir, "tree");
        Files.writeString(tree.resolve("metadata.yaml"), """
                architecture: x86_64
                creation_date: 1700000000
                properties:
                  os: Alpine
                  description: %s
                """.formatted(seed));
        Files.createDirectories(tree.resolve("rootfs/etc"));
        Files.writeString(tree.resolve("rootfs/etc/hostname"), seed + "\n");
        Path tarball = dir.resolve(seed + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-C", tree.toString(), "-czf", tarball.toString(), ".")
                .redirectErrorStream(true)
                .start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        return Files.readAllBytes(tarball);
    }
}
