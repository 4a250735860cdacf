package dev.muster.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the image tests do through the gateway: upload a tarball, read where an image is held. */
final class ImageClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int gatewayPort;
    private final Lxd lxd;

    ImageClient(int gatewayPort) {
        this.gatewayPort = gatewayPort;
        this.lxd = new Lxd(gatewayPort);
    }

    /** LXD's direct upload of a unified tarball. */
    HttpResponse<String> upload(byte[] tarball) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/1.0/images"))
                        .header("Content-Type", "application/octet-stream")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(tarball))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The image's {@code locations}: the members holding a verified copy (empty if there is no such image). */
    List<String> locations(String fingerprint) {
        List<String> holders = new ArrayList<>();
        JsonNode image = lxd.get("/1.0/images/" + fingerprint).metadata();
        if (image != null && image.get("locations") != null) {
            image.get("locations").forEach(node -> holders.add(node.asString()));
        }
        return holders;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
