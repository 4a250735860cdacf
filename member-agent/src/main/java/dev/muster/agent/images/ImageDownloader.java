package dev.muster.agent.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Copies an image to this member: downloads it (from the image service's export), checks its SHA-256 against the
 * fingerprint, and only then moves it into place under that fingerprint. A copy already in place is checked again
 * rather than downloaded twice.
 */
public final class ImageDownloader {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ImageDownloader() {}

    /** @return null when the image is in place and verified, else why not */
    public static String copy(String fingerprint, URI source, Path directory) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            return "Not an image fingerprint: " + fingerprint;
        }
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(fingerprint);
            if (Files.exists(target) && verify(fingerprint, directory) == null) {
                return null; // already in place and intact (a corrupt one is removed, then downloaded again)
            }
            HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                answer.body().close();
                return "Download of " + source + " failed: HTTP " + answer.statusCode();
            }
            Path partial = Files.createTempFile(directory, fingerprint, ".part");
            String actual;
            try (OutputStream out = Files.newOutputStream(partial)) {
                actual = sha256(answer.body(), out);
            }
            if (!fingerprint.equals(actual)) {
                Files.deleteIfExists(partial);
                return "Image download is corrupt: SHA-256 " + actual + " instead of " + fingerprint;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        } catch (IOException e) {
            return "Image copy failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Image copy interrupted";
        }
    }

    /** @return null when a verified copy of the image is in place, else what is wrong (a corrupt copy is removed) */
    public static String verify(String fingerprint, Path directory) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            return "Not an image fingerprint: " + fingerprint;
        }
        Path file = directory.resolve(fingerprint);
        if (!Files.exists(file)) {
            return "Image copy is missing";
        }
        try {
            String actual = sha256(Files.newInputStream(file), OutputStream.nullOutputStream());
            if (fingerprint.equals(actual)) {
                return null;
            }
            Files.deleteIfExists(file);
            return "Image copy is corrupt: SHA-256 " + actual + " instead of " + fingerprint;
        } catch (IOException e) {
            return "Image copy cannot be read: " + e.getMessage();
        }
    }

    /** @return null once no copy of the image is left, else why one is */
    public static String delete(String fingerprint, Path directory) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            return "Not an image fingerprint: " + fingerprint;
        }
        try {
            Files.deleteIfExists(directory.resolve(fingerprint));
            return null;
        } catch (IOException e) {
            return "Image copy cannot be deleted: " + e.getMessage();
        }
    }

    private static String sha256(InputStream source, OutputStream sink) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(source, digest)) {
                in.transferTo(sink);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
