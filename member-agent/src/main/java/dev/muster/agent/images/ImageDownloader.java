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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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

    /** The size to pass when the command does not say how large the image is. */
    public static final long UNKNOWN_SIZE = -1;

    /** Closes the bodies of stalled downloads. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "image-download-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private ImageDownloader() {}

    /**
     * @param split whether the image is known to be split: then {@code source} is its export, whose parts are fetched
     *     one by one. A caller that does not know passes false: the export answers a split image with a multipart
     *     body, and then its parts are fetched all the same.
     * @return null when the image is in place and verified, else why not
     */
    public static String copy(String fingerprint, URI source, boolean split, Path directory) {
        return copy(fingerprint, source, split, directory, UNKNOWN_SIZE, DownloadLimits.DEFAULT);
    }

    /**
     * As {@link #copy(String, URI, boolean, Path)}, within {@code limits}: a download that stalls longer than their
     * idle time, or brings more bytes than {@code expectedSize} (when known, else {@code UNKNOWN_SIZE}: then more than
     * their maximum, or than the answer's {@code Content-Length}) is cut off and fails, leaving no file behind.
     *
     * @param expectedSize the image's size in bytes (a split one's: both files), or {@link #UNKNOWN_SIZE}
     */
    public static String copy(
            String fingerprint, URI source, boolean split, Path directory, long expectedSize, DownloadLimits limits) {
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
            long cap = expectedSize >= 0 ? expectedSize : limits.maxBytes();
            long received = 0;
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
                    return copy(fingerprint, source, true, directory, expectedSize, limits);
                }
                long announced =
                        answer.headers().firstValueAsLong("Content-Length").orElse(-1);
                long partCap = announced >= 0 ? Math.min(cap - received, announced) : cap - received;
                if (announced > cap - received) {
                    answer.body().close();
                    return "Image download from " + from + " refused: it announces " + announced
                            + " bytes, more than the " + cap + " expected";
                }
                Path partial = Files.createTempFile(directory, fingerprint, ".part");
                partials.add(partial);
                String cutOff;
                try (OutputStream out = Files.newOutputStream(partial)) {
                    cutOff = transfer(from, answer.body(), digest, out, partCap, limits.idle());
                }
                if (cutOff != null) {
                    return cutOff;
                }
                received += Files.size(partial);
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
     * Copies {@code body} to {@code out} through {@code digest}, and closes it. A watchdog closes the body when no byte
     * arrived for {@code idle}; reading stops as soon as more than {@code cap} bytes arrived.
     *
     * @return null when the whole body arrived within both limits, else why it was cut off
     */
    private static String transfer(
            URI from, InputStream body, MessageDigest digest, OutputStream out, long cap, Duration idle)
            throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(1, idle.toMillis() / 4);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(
                () -> {
                    if (System.nanoTime() - lastProgress.get() > idle.toNanos() && stalled.compareAndSet(false, true)) {
                        closeQuietly(body);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        long count = 0;
        try (InputStream in = body) {
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    if (stalled.get()) {
                        break;
                    }
                    throw e;
                }
                if (n < 0 || stalled.get()) {
                    break;
                }
                lastProgress.set(System.nanoTime());
                count += n;
                if (count > cap) {
                    return "Image download from " + from + " cut off: more than the " + cap + " bytes expected arrived";
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } finally {
            watchdog.cancel(false);
        }
        if (stalled.get()) {
            return "Image download from " + from + " cut off: no data for " + idle.toSeconds() + " s (after " + count
                    + " bytes)";
        }
        return null;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the reader sees the stream end and is told it stalled
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
