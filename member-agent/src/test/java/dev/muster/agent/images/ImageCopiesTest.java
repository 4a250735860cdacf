package dev.muster.agent.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.muster.agent.commands.Workload;
import dev.muster.events.agents.AgentCommand;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CommandResult.Status;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.CreateInstance;
import dev.muster.events.agents.DeleteImage;
import dev.muster.events.agents.VerifyImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's image copies, carried out by its workload against a real HTTP export on loopback. */
class ImageCopiesTest {

    @TempDir
    Path dir;

    HttpServer server;
    final AtomicReference<byte[]> served = new AtomicReference<>();
    final AtomicInteger downloads = new AtomicInteger();
    byte[] image;
    String fingerprint;
    byte[] metadata;
    byte[] rootfs;
    String splitFingerprint;
    final AtomicReference<byte[]> servedRootfs = new AtomicReference<>();

    @BeforeEach
    void serve() throws Exception {
        image = new byte[300_000];
        new Random(3).nextBytes(image);
        fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        served.set(image);
        metadata = new byte[2_000];
        new Random(4).nextBytes(metadata);
        rootfs = new byte[400_000];
        new Random(5).nextBytes(rootfs);
        MessageDigest both = MessageDigest.getInstance("SHA-256");
        both.update(metadata);
        both.update(rootfs);
        splitFingerprint = HexFormat.of().formatHex(both.digest());
        servedRootfs.set(rootfs);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/1.0/images/", exchange -> {
            downloads.incrementAndGet();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            byte[] body = query.equals("part=metadata")
                    ? metadata
                    : query.equals("part=rootfs") ? servedRootfs.get() : served.get();
            if (query.equals("null") && exchange.getRequestURI().getPath().contains(splitFingerprint)) {
                exchange.getResponseHeaders()
                        .set("Content-Type", "multipart/form-data; boundary=b"); // as the export answers
                body = "--b--\r\n".getBytes();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCopyIsDownloadedVerifiedAndStoredUnderItsFingerprint() throws Exception {
        Workload workload = new Workload(dir.resolve("m1"));

        CommandResult result = carryOut(workload, copy());

        assertThat(result.status()).as(result.message()).isEqualTo(Status.DONE);
        assertThat(dir.resolve("m1").resolve(fingerprint)).hasBinaryContent(image);
        assertThat(workload.images()).contains(fingerprint);
    }

    @Test
    void aDownloadThatDoesNotMatchTheFingerprintFailsAndLeavesNothing() throws Exception {
        byte[] damaged = image.clone();
        damaged[1000] ^= 1;
        served.set(damaged);
        Workload workload = new Workload(dir.resolve("m1"));

        CommandResult result = carryOut(workload, copy());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).contains("corrupt");
        try (var files = Files.list(dir.resolve("m1"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aCopyHeldAlreadyIsNotDownloadedAgain() {
        Workload workload = new Workload(dir.resolve("m1"));
        carryOut(workload, copy());

        CommandResult again = carryOut(workload, copy());

        assertThat(again.status()).isEqualTo(Status.DONE);
        assertThat(downloads).hasValue(1);
    }

    @Test
    void aCorruptedCopyFailsItsCheckAndIsRemoved() throws Exception {
        Workload workload = new Workload(dir.resolve("m1"));
        carryOut(workload, copy());
        Path copy = dir.resolve("m1").resolve(fingerprint);
        byte[] rotten = Files.readAllBytes(copy);
        rotten[12345] ^= 0x40;
        Files.write(copy, rotten);

        CommandResult check = carryOut(workload, verify());

        assertThat(check.status()).isEqualTo(Status.FAILED);
        assertThat(check.message()).contains("corrupt");
        assertThat(copy).doesNotExist();
        assertThat(workload.images()).doesNotContain(fingerprint);
        assertThat(carryOut(workload, verify()).message()).contains("missing");
    }

    @Test
    void anIntactCopyPassesItsCheckAndADeletedOneIsGone() {
        Workload workload = new Workload(dir.resolve("m1"));
        carryOut(workload, copy());

        assertThat(carryOut(workload, verify()).status()).isEqualTo(Status.DONE);
        assertThat(carryOut(workload, new DeleteImage("m1", "image-delete-" + System.nanoTime(), fingerprint))
                        .status())
                .isEqualTo(Status.DONE);
        assertThat(dir.resolve("m1").resolve(fingerprint)).doesNotExist();
        assertThat(workload.images()).doesNotContain(fingerprint);
    }

    @Test
    void aSplitImageIsDownloadedPartByPartVerifiedTogetherAndStoredAsTwoFiles() throws Exception {
        Workload workload = new Workload(dir.resolve("m1"));

        CommandResult result = carryOut(workload, splitCopy());

        assertThat(result.status()).as(result.message()).isEqualTo(Status.DONE);
        assertThat(dir.resolve("m1").resolve(splitFingerprint)).hasBinaryContent(metadata);
        assertThat(dir.resolve("m1").resolve(splitFingerprint + ".rootfs")).hasBinaryContent(rootfs);
        assertThat(downloads).hasValue(2);
        assertThat(carryOut(workload, new VerifyImage("m1", "v", splitFingerprint))
                        .status())
                .isEqualTo(Status.DONE);
    }

    @Test
    void aSplitDownloadWhoseRootfsDoesNotMatchFailsAndLeavesNeitherFile() throws Exception {
        byte[] damaged = rootfs.clone();
        damaged[399_999] ^= 1;
        servedRootfs.set(damaged);
        Workload workload = new Workload(dir.resolve("m1"));

        CommandResult result = carryOut(workload, splitCopy());

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message()).contains("corrupt");
        try (var files = Files.list(dir.resolve("m1"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aSplitCopyWithACorruptedRootfsFailsItsCheckAndBothFilesAreRemoved() {
        Workload workload = new Workload(dir.resolve("m1"));
        carryOut(workload, splitCopy());
        Path copiedRootfs = dir.resolve("m1").resolve(splitFingerprint + ".rootfs");
        try {
            byte[] rotten = Files.readAllBytes(copiedRootfs);
            rotten[100] ^= 0x40;
            Files.write(copiedRootfs, rotten);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        CommandResult check = carryOut(workload, new VerifyImage("m1", "v", splitFingerprint));

        assertThat(check.status()).isEqualTo(Status.FAILED);
        assertThat(check.message()).contains("corrupt");
        assertThat(dir.resolve("m1").resolve(splitFingerprint)).doesNotExist();
        assertThat(copiedRootfs).doesNotExist();
    }

    @Test
    void deletingASplitCopyRemovesBothFiles() {
        Workload workload = new Workload(dir.resolve("m1"));
        carryOut(workload, splitCopy());

        assertThat(carryOut(workload, new DeleteImage("m1", "d", splitFingerprint))
                        .status())
                .isEqualTo(Status.DONE);

        assertThat(dir.resolve("m1").resolve(splitFingerprint)).doesNotExist();
        assertThat(dir.resolve("m1").resolve(splitFingerprint + ".rootfs")).doesNotExist();
    }

    private CopyImage splitCopy() {
        return new CopyImage(
                "m1",
                "image-copy-" + System.nanoTime(),
                splitFingerprint,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/1.0/images/" + splitFingerprint + "/export",
                true);
    }

    @Test
    void anInstanceCreatedFromAnImageTheMemberLacksGetsAVerifiedCopyFirst() {
        Workload workload = new Workload(dir.resolve("m1"));

        CommandResult result = carryOut(workload, createFromImage("c1"));

        assertThat(result.status()).as(result.message()).isEqualTo(Status.DONE);
        assertThat(dir.resolve("m1").resolve(fingerprint)).hasBinaryContent(image);
        assertThat(workload.images()).contains(fingerprint);
        assertThat(workload.instances()).containsKey("c1");
    }

    @Test
    void anInstanceFromAnImageHeldAlreadyIsCreatedWithoutAnotherDownload() {
        Workload workload = new Workload(dir.resolve("m1"));
        carryOut(workload, copy());

        assertThat(carryOut(workload, createFromImage("c1")).status()).isEqualTo(Status.DONE);
        assertThat(downloads).hasValue(1);
    }

    @Test
    void anImageThatCannotBeFetchedFailsTheCreateAndNoInstanceIsLeft() {
        byte[] damaged = image.clone();
        damaged[7] ^= 1;
        served.set(damaged);
        Workload workload = new Workload(dir.resolve("m1"));

        CommandResult result = carryOut(workload, createFromImage("c1"));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.message())
                .startsWith("Failed to fetch image " + fingerprint + ": ")
                .contains("corrupt");
        assertThat(workload.instances()).doesNotContainKey("c1");
        assertThat(workload.images()).doesNotContain(fingerprint);
    }

    @Test
    void anInstanceFromASplitImageGetsBothPartsEvenWhenTheCommandDoesNotSaySplit() {
        Workload workload = new Workload(dir.resolve("m1"));
        String export =
                "http://127.0.0.1:" + server.getAddress().getPort() + "/1.0/images/" + splitFingerprint + "/export";

        CommandResult result = carryOut(
                workload,
                new CreateInstance(
                        "m1",
                        "create-c2",
                        "default",
                        "c2",
                        "container",
                        false,
                        splitFingerprint,
                        export,
                        Map.of(),
                        Map.of()));

        assertThat(result.status()).as(result.message()).isEqualTo(Status.DONE);
        assertThat(dir.resolve("m1").resolve(splitFingerprint)).hasBinaryContent(metadata);
        assertThat(dir.resolve("m1").resolve(splitFingerprint + ".rootfs")).hasBinaryContent(rootfs);
    }

    private CreateInstance createFromImage(String instance) {
        return new CreateInstance(
                "m1",
                "create-" + instance + "-" + System.nanoTime(),
                "default",
                instance,
                "container",
                false,
                fingerprint,
                exportUrl(),
                Map.of(),
                Map.of());
    }

    private String exportUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/1.0/images/" + fingerprint + "/export";
    }

    private CopyImage copy() {
        return new CopyImage("m1", "image-copy-" + System.nanoTime(), fingerprint, exportUrl(), false);
    }

    private VerifyImage verify() {
        return new VerifyImage("m1", "image-verify-" + System.nanoTime(), fingerprint);
    }

    /** Every image command is answered with a {@link CommandResult}. */
    private static CommandResult carryOut(Workload workload, AgentCommand command) {
        return (CommandResult) workload.carryOut(command);
    }
}
