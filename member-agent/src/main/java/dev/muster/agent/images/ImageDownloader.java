package dev.muster.agent.images;

import dev.muster.agent.cluster.ServiceHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies an image to this member: downloads it (from the image service's export), checks its SHA-256 against the
 * fingerprint, and only then moves it into place under that fingerprint. A copy already in place is checked again
 * rather than downloaded twice. A split image is two files, {@code <fp>} (its metadata tarball) and
 * {@code <fp>.rootfs}, downloaded one by one ({@code ?part=metadata}, {@code ?part=rootfs}) and checked together:
 * its fingerprint is the SHA-256 of both in that order. The rootfs is moved into place first, so that {@code <fp>}
 * never stands without it.
 */
public final class ImageDownloader {

    private static final String ROOTFS_SUFFIX = ".rootfs";

    private ImageDownloader() {}

    /**
     * @param split whether the image is known to be split: then {@code source} is its export, whose parts are fetched
     *     one by one. A caller that does not know passes false: the export answers a split image with a multipart
     *     body, and then its parts are fetched all the same.
     * @return null when the image is in place and verified, else why not
     */
    public static String copy(String fingerprint, URI source, boolean split, Path directory) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            return "Not an image fingerprint: " + fingerprint;
        }
        List<Path> partials = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(fingerprint);
            if (Files.exists(target) && verify(fingerprint, directory) == null) {
                return null; // already in place and intact (a corrupt one is removed, then downloaded again)
            }
            List<URI> sources = split ? List.of(part(source, "metadata"), part(source, "rootfs")) : List.of(source);
            MessageDigest digest = sha256();
            for (URI from : sources) {
                HttpResponse<InputStream> answer = ServiceHttp.client()
                        .send(
                                HttpRequest.newBuilder(from)
                                        .timeout(Duration.ofMinutes(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                if (answer.statusCode() != 200) {
                    answer.body().close();
                    return "Download of " + from + " failed: HTTP " + answer.statusCode();
                }
                if (!split
                        && answer.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("multipart/")) {
                    answer.body().close(); // a split image's export: fetch its two parts instead
                    return copy(fingerprint, source, true, directory);
                }
                Path partial = Files.createTempFile(directory, fingerprint, ".part");
                partials.add(partial);
                try (InputStream in = new DigestInputStream(answer.body(), digest);
                        OutputStream out = Files.newOutputStream(partial)) {
                    in.transferTo(out);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!fingerprint.equals(actual)) {
                return "Image download is corrupt: SHA-256 " + actual + " instead of " + fingerprint;
            }
            if (split) {
                Files.move(
                        partials.get(1),
                        rootfsOf(target),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(rootfsOf(target));
            }
            Files.move(partials.get(0), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            partials.clear();
            return null;
        } catch (IOException e) {
            return "Image copy failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Image copy interrupted";
        } finally {
            partials.forEach(ImageDownloader::deleteQuietly);
        }
    }

    /**
     * @return null when a verified copy of the image is in place (a split one: both files, hashed in order), else
     *     what is wrong (a corrupt copy is removed, both files of a split one)
     */
    public static String verify(String fingerprint, Path directory) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            return "Not an image fingerprint: " + fingerprint;
        }
        Path file = directory.resolve(fingerprint);
        Path rootfs = rootfsOf(file);
        if (!Files.exists(file)) {
            deleteQuietly(rootfs); // a rootfs whose metadata never arrived, or went
            return "Image copy is missing";
        }
        try {
            MessageDigest digest = sha256();
            hash(file, digest);
            if (Files.exists(rootfs)) {
                hash(rootfs, digest);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (fingerprint.equals(actual)) {
                return null;
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(rootfs);
            return "Image copy is corrupt: SHA-256 " + actual + " instead of " + fingerprint;
        } catch (IOException e) {
            return "Image copy cannot be read: " + e.getMessage();
        }
    }

    /** @return null once no copy of the image (no file of it) is left, else why one is */
    public static String delete(String fingerprint, Path directory) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            return "Not an image fingerprint: " + fingerprint;
        }
        try {
            Files.deleteIfExists(directory.resolve(fingerprint));
            Files.deleteIfExists(rootfsOf(directory.resolve(fingerprint)));
            return null;
        } catch (IOException e) {
            return "Image copy cannot be deleted: " + e.getMessage();
        }
    }

    /** One file of a split image's export: {@code <export>?part=metadata} or {@code ?part=rootfs}. */
    private static URI part(URI export, String part) {
        return URI.create(export + (export.getRawQuery() == null ? "?" : "&") + "part=" + part);
    }

    private static Path rootfsOf(Path image) {
        return image.resolveSibling(image.getFileName() + ROOTFS_SUFFIX);
    }

    private static void hash(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .part file is harmless: it is never taken for an image
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
