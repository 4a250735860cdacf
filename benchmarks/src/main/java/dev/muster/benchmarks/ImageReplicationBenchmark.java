package dev.muster.benchmarks;

import dev.muster.testing.Await;
import dev.muster.testing.Tar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Replication of a large image on a running stack ({@code ./muster up --members 10}): uploads an image of
 * {@code --mb} MB through the gateway, sets {@code cluster.images_minimal_replica} to {@code --copies}, and prints the
 * seconds until that many members hold a verified copy, and the MB/s that makes (copies × size / seconds).
 *
 * <p>Run with {@code ./muster bench images [--mb 100] [--copies 10] [--gateway http://127.0.0.1:8080]}.
 */
public final class ImageReplicationBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int megabytes = Integer.parseInt(options.getOrDefault("mb", "100"));
        int copies = Integer.parseInt(options.getOrDefault("copies", "10"));
        URI gateway = URI.create(options.getOrDefault("gateway", "http://127.0.0.1:8080"));
        if (!gateway.getHost().equals("127.0.0.1") && !gateway.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the benchmark only sends traffic to loopback");
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] tarball = tarball(megabytes);
        String fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tarball));
        System.out.printf(
                "Image replication benchmark: a %,d-byte image to %d members through %s%n",
                tarball.length, copies, gateway);

        send(
                http,
                "PATCH",
                gateway.resolve("/1.0"),
                "{\"config\":{\"cluster.images_minimal_replica\":\"" + copies + "\"}}",
                "application/json");
        long start = System.nanoTime();
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(gateway.resolve("/1.0/images"))
                        .header("Content-Type", "application/octet-stream")
                        .header("X-LXD-filename", "bench.tar.gz")
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(tarball))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload refused: " + upload.body());
        }
        double uploaded = (System.nanoTime() - start) / 1e9;
        System.out.printf("  uploaded in %.2f s%n", uploaded);
        int[] holders = {0};
        Await.within(Duration.ofMinutes(5), Duration.ofMillis(50), () -> {
            String image = send(http, "GET", gateway.resolve("/1.0/images/" + fingerprint), null, null);
            Matcher locations = Pattern.compile("\"locations\":\\[([^\\]]*)\\]").matcher(image);
            holders[0] = locations.find() && !locations.group(1).isBlank()
                    ? locations.group(1).split(",").length
                    : 0;
            return holders[0] >= copies;
        });
        double seconds = (System.nanoTime() - start) / 1e9 - uploaded;
        System.out.printf(
                "  %d of %d copies verified %.2f s after the upload: %.0f MB/s replicated%n",
                holders[0], copies, seconds, holders[0] * (tarball.length / 1e6) / seconds);
        send(http, "DELETE", gateway.resolve("/1.0/images/" + fingerprint), null, null);
        System.exit(0);
    }

    private static String send(HttpClient http, String method, URI uri, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A unified tarball (metadata.yaml + a random, incompressible rootfs file) of about {@code megabytes} MB. */
    private static byte[] tarball(int megabytes) throws IOException {
        byte[] metadata = ("architecture: x86_64\ncreation_date: " + System.currentTimeMillis() / 1000
                        + "\nproperties:\n  description: benchmark\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] rootfs = new byte[megabytes << 20];
        new Random().nextBytes(rootfs);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rootfs.length + 4096);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("metadata.yaml", metadata);
            files.put("rootfs/blob", rootfs);
            Tar.write(out, files);
        }
        return bytes.toByteArray();
    }
}
