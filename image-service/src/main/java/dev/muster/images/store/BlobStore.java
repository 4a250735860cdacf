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
import java.util.HexFormat;
import java.util.Optional;

/**
 * Image files by their SHA-256, in one directory: written to a temporary file while hashing, then moved into place
 * atomically under their fingerprint (so a crash never leaves a partial image where an image is looked for); read
 * back only after checking the hash again.
 */
public final class BlobStore {

    /** A file written to the store. */
    public record Stored(String fingerprint, long size, Path path) {}

    /** The upload is larger than the store accepts. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long limit) {
            super("Image is larger than the " + limit + " bytes allowed");
        }
    }

    private final Path directory;
    private final long maxSize;

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
        Path temporary = Files.createTempFile(directory.resolve("incoming"), "upload-", ".part");
        MessageDigest sha256 = sha256();
        long size = 0;
        try (InputStream hashed = new DigestInputStream(in, sha256); OutputStream out = Files.newOutputStream(temporary)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = hashed.read(buffer)) > 0; ) {
                size += n;
                if (size > maxSize) {
                    throw new TooLarge(maxSize);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return new Stored(HexFormat.of().formatHex(sha256.digest()), size, temporary);
    }

    /** Moves a received file into place under its fingerprint. */
    public Path keep(Stored stored) throws IOException {
        Path target = pathOf(stored.fingerprint());
        Files.move(stored.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    public void discard(Stored stored) {
        try {
            Files.deleteIfExists(stored.path());
        } catch (IOException e) {
            // a leftover in incoming/ is harmless
        }
    }

    /** The file of an image, once its content is checked against its fingerprint; empty if missing or corrupt. */
    public Optional<Path> verified(String fingerprint) throws IOException {
        Path path = pathOf(fingerprint);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest()).equals(fingerprint) ? Optional.of(path) : Optional.empty();
    }

    public void delete(String fingerprint) throws IOException {
        Files.deleteIfExists(pathOf(fingerprint));
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
