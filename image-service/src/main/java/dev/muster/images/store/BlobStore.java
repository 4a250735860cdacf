package dev.muster.images.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image files by their SHA-256, in one directory: written to a temporary file while hashing, then moved into place
 * atomically under their fingerprint (so a crash never leaves a partial image where an image is looked for); read
 * back only after checking the hash again. A split image (LXD's metadata tarball + rootfs) is two files, {@code <fp>}
 * and {@code <fp>.rootfs}, whose fingerprint is the SHA-256 of the two in that order, as LXD keeps them.
 */
public final class BlobStore {

    /** What a received image is made of: one file, or the metadata file and the rootfs file (else null) of a split image. */
    public record Stored(String fingerprint, long size, Path path, Path rootfs) {
        public Stored(String fingerprint, long size, Path path) {
            this(fingerprint, size, path, null);
        }

        public boolean split() {
            return rootfs != null;
        }
    }

    /** The files of an image in the store: the unified tarball (or the metadata file), and a split image's rootfs (else null). */
    public record ImageFiles(Path file, Path rootfs) {
        public boolean split() {
            return rootfs != null;
        }
    }

    /** The upload is larger than the store accepts. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long limit) {
            super("Image is larger than the " + limit + " bytes allowed");
        }
    }

    private static final String ROOTFS_SUFFIX = ".rootfs";
    private static final int COPY_BUFFER = 1 << 16;

    /** How long a check of an unchanged file stands: a burst of exports (one per new holder) hashes the file once. */
    static final Duration RECHECK_AFTER = Duration.ofSeconds(60);

    /** A passed check, and what the files looked like then. */
    private record Check(List<Object> looks, long atNanos) {}

    private final Path directory;
    private final long maxSize;
    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    /** One lock per image, so that concurrent reads of it wait for one check. */
    private final Map<String, Object> checking = new ConcurrentHashMap<>();

    public BlobStore(Path directory, long maxSize) {
        this.directory = directory;
        this.maxSize = maxSize;
        try {
            Files.createDirectories(directory.resolve("incoming"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store " + directory, e);
        }
    }

    /** Streams {@code in} into a temporary file of the store, hashing it; {@link #keep} or {@link #discard} it after. */
    public Stored receive(InputStream in) throws IOException {
        try (Receiving receiving = receiving()) {
            receiving.file(in);
            return receiving.done();
        }
    }

    /**
     * Receives the files of one image in turn (one, or a split image's metadata then rootfs) into temporary files,
     * hashing them as one stream and limiting their total size. Closed before {@link Receiving#done}, it deletes
     * what it wrote.
     */
    public Receiving receiving() {
        return new Receiving();
    }

    /** One image being received: see {@link #receiving()}. */
    public final class Receiving implements AutoCloseable {
        private final MessageDigest sha256 = sha256();
        private final List<Path> files = new ArrayList<>();
        private long size;
        private boolean done;

        private Receiving() {}

        /** Streams the next file of the image into the store. */
        public void file(InputStream in) throws IOException {
            if (done || files.size() == 2) {
                throw new IllegalStateException("an image is one file, or a split image's two");
            }
            Path temporary = Files.createTempFile(directory.resolve("incoming"), "upload-", ".part");
            files.add(temporary);
            try (InputStream hashed = new DigestInputStream(in, sha256);
                    OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[COPY_BUFFER];
                for (int n; (n = hashed.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxSize) {
                        throw new TooLarge(maxSize);
                    }
                    out.write(buffer, 0, n);
                }
            }
        }

        /** The received image; its files stay in {@code incoming/} until {@link #keep} or {@link #discard}. */
        public Stored done() {
            if (files.isEmpty()) {
                throw new IllegalStateException("no file received");
            }
            done = true;
            return new Stored(
                    HexFormat.of().formatHex(sha256.digest()),
                    size,
                    files.getFirst(),
                    files.size() == 2 ? files.get(1) : null);
        }

        @Override
        public void close() {
            if (!done) {
                files.forEach(BlobStore::deleteQuietly);
            }
        }
    }

    /**
     * Moves a received image into place under its fingerprint: a split image's rootfs first, so that {@code <fp>}
     * (what marks an image as present) never exists without it.
     */
    public Path keep(Stored stored) throws IOException {
        Path target = pathOf(stored.fingerprint());
        if (stored.rootfs() != null) {
            Files.move(
                    stored.rootfs(),
                    rootfsOf(target),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(rootfsOf(target)); // a leftover of an earlier split image of the same fingerprint
        }
        Files.move(stored.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    public void discard(Stored stored) {
        deleteQuietly(stored.path());
        if (stored.rootfs() != null) {
            deleteQuietly(stored.rootfs());
        }
    }

    /**
     * The files of an image, once their content is checked against the fingerprint (a split image's two files
     * hashed in order); empty if missing or corrupt. A check passed less than {@link #RECHECK_AFTER} ago, of files
     * whose size and modification time have not changed since, stands; reads of the same image wait for one check.
     */
    public Optional<ImageFiles> verified(String fingerprint) throws IOException {
        Path path = pathOf(fingerprint);
        synchronized (checking.computeIfAbsent(fingerprint, key -> new Object())) {
            if (!Files.exists(path)) {
                checks.remove(fingerprint);
                return Optional.empty();
            }
            Path rootfs = rootfsOf(path);
            ImageFiles files = new ImageFiles(path, Files.exists(rootfs) ? rootfs : null);
            List<Object> looks = looksOf(files);
            Check earlier = checks.get(fingerprint);
            if (earlier != null
                    && earlier.looks().equals(looks)
                    && System.nanoTime() - earlier.atNanos() < RECHECK_AFTER.toNanos()) {
                return Optional.of(files);
            }
            MessageDigest sha256 = sha256();
            hash(files.file(), sha256);
            if (files.rootfs() != null) {
                hash(files.rootfs(), sha256);
            }
            if (!HexFormat.of().formatHex(sha256.digest()).equals(fingerprint)) {
                checks.remove(fingerprint);
                return Optional.empty();
            }
            checks.put(fingerprint, new Check(looks, System.nanoTime()));
            return Optional.of(files);
        }
    }

    private static List<Object> looksOf(ImageFiles files) throws IOException {
        List<Object> looks =
                new ArrayList<>(List.of(Files.size(files.file()), Files.getLastModifiedTime(files.file())));
        if (files.rootfs() != null) {
            looks.add(Files.size(files.rootfs()));
            looks.add(Files.getLastModifiedTime(files.rootfs()));
        }
        return looks;
    }

    public void delete(String fingerprint) throws IOException {
        Path path = pathOf(fingerprint);
        checks.remove(fingerprint);
        Files.deleteIfExists(path);
        Files.deleteIfExists(rootfsOf(path));
    }

    private static void hash(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static Path rootfsOf(Path image) {
        return image.resolveSibling(image.getFileName() + ROOTFS_SUFFIX);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover in incoming/ is harmless
        }
    }

    private Path pathOf(String fingerprint) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
        }
        return directory.resolve(fingerprint);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
