package dev.muster.images.tarball;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.XZIOException;
import org.tukaani.xz.XZInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What an image tarball (a unified one, or the metadata file of a split image) says about itself in its
 * {@code metadata.yaml}: {@code architecture}, {@code creation_date} (Unix seconds) and {@code properties}. Reads
 * plain, gzip- and xz-compressed tar in-process; bzip2 and zstd through the system's decompressor, where it has one.
 */
public record ImageMetadata(String architecture, Instant createdAt, Map<String, String> properties) {

    /** The tarball is not an image LXD would accept. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final int BLOCK = 512;

    /** Kills decompressors that run too long. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "decompressor-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** Where a ustar header keeps a member's name, its size (octal) and the prefix of a long name: offset, length. */
    private static final int NAME_OFFSET = 0;

    private static final int NAME_LENGTH = 100;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int PREFIX_OFFSET = 345;
    private static final int PREFIX_LENGTH = 155;
    /** metadata.yaml is a few KiB; a larger one is not LXD's. */
    private static final int MAX_METADATA_BYTES = 1 << 20;
    /** What an xz stream may need to be decoded: {@code xz -9} needs 65 MiB; more would threaten a small heap. */
    private static final int XZ_MEMORY_LIMIT_KIB = 80 * 1024;

    public static ImageMetadata of(Path tarball) throws IOException, Invalid {
        return of(tarball, TarballLimits.DEFAULT);
    }

    /**
     * Reads the tarball only as far as its {@code metadata.yaml}, and no further than {@code limits} allow (a
     * decompressor that runs too long is killed).
     */
    public static ImageMetadata of(Path tarball, TarballLimits limits) throws IOException, Invalid {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball))) {
            file.mark(8);
            byte[] magic = file.readNBytes(6);
            file.reset();
            Compression compression = Compression.of(magic);
            if (compression == Compression.GZIP) {
                try {
                    return parse(new String(metadataYaml(new GZIPInputStream(file), limits), StandardCharsets.UTF_8));
                } catch (ZipException e) {
                    throw new Invalid("Corrupt gzip compression: " + e.getMessage());
                }
            }
            if (compression == Compression.XZ) {
                return viaXz(file, limits);
            }
            if (compression == Compression.NONE) {
                return parse(new String(metadataYaml(file, limits), StandardCharsets.UTF_8));
            }
            return viaDecompressor(tarball, compression, limits);
        }
    }

    /** How a tarball is compressed, by its first bytes; LXD accepts all of these. */
    private enum Compression {
        NONE(null),
        GZIP(null),
        XZ("xz"),
        BZIP2("bzip2"),
        ZSTD("zstd");

        final String tool;

        Compression(String tool) {
            this.tool = tool;
        }

        static Compression of(byte[] magic) {
            if (starts(magic, 0x1f, 0x8b)) {
                return GZIP;
            }
            if (starts(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
                return XZ;
            }
            if (starts(magic, 'B', 'Z', 'h')) {
                return BZIP2;
            }
            if (starts(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
                return ZSTD;
            }
            return NONE;
        }

        private static boolean starts(byte[] bytes, int... prefix) {
            if (bytes.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if ((bytes[i] & 0xff) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static ImageMetadata viaXz(InputStream file, TarballLimits limits) throws IOException, Invalid {
        try {
            return parse(new String(
                    metadataYaml(new BufferedInputStream(new XZInputStream(file, XZ_MEMORY_LIMIT_KIB)), limits),
                    StandardCharsets.UTF_8));
        } catch (MemoryLimitException e) {
            throw new Invalid("xz compression needs " + e.getMemoryNeeded() / 1024
                    + " MiB of memory to decompress, more than the " + XZ_MEMORY_LIMIT_KIB / 1024 + " MiB allowed");
        } catch (XZIOException | EOFException e) {
            throw new Invalid("Corrupt xz compression: " + e.getMessage());
        }
    }

    /**
     * bzip2 and zstd through the system's decompressor (as LXD uses the system's tools), read as a stream; the process
     * is killed (with anything it started) once metadata.yaml is read, or when it runs longer than the limits allow.
     */
    private static ImageMetadata viaDecompressor(Path tarball, Compression compression, TarballLimits limits)
            throws IOException, Invalid {
        Process process;
        try {
            process = new ProcessBuilder(limits.command(compression.tool), "-dc", tarball.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new Invalid(compression.tool + "-compressed images are not supported on this server (no "
                    + compression.tool + " command)");
        }
        long started = System.nanoTime();
        AtomicLong lastOutput = new AtomicLong(started);
        AtomicReference<String> killed = new AtomicReference<>();
        long period = Math.max(1, Math.min(limits.decompressorIdle().toMillis(), 1000) / 4);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    String why = now - started > limits.decompressorTimeout().toNanos()
                            ? "took longer than " + limits.decompressorTimeout().toSeconds() + " s"
                            : now - lastOutput.get() > limits.decompressorIdle().toNanos()
                                    ? "produced nothing for "
                                            + limits.decompressorIdle().toSeconds() + " s"
                                    : null;
                    if (why != null && killed.compareAndSet(null, why)) {
                        kill(process);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        try (InputStream tar = new BufferedInputStream(new ProgressInputStream(process.getInputStream(), lastOutput))) {
            return parse(new String(metadataYaml(tar, limits), StandardCharsets.UTF_8));
        } catch (IOException | Invalid e) {
            String why = killed.get();
            if (why != null) {
                throw new Invalid("Decompressing the image with " + compression.tool + " " + why + "; stopped");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            kill(process);
        }
    }

    /** Ends the decompressor and whatever it started, and waits (briefly) until they are gone. */
    private static void kill(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle child : started) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // killed with SIGKILL: it ends, even if not within the wait
        }
    }

    /** Notes when bytes last came out of a decompressor. */
    private static final class ProgressInputStream extends FilterInputStream {
        private final AtomicLong lastOutput;

        ProgressInputStream(InputStream in, AtomicLong lastOutput) {
            super(in);
            this.lastOutput = lastOutput;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastOutput.set(System.nanoTime());
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            lastOutput.set(System.nanoTime());
            return n;
        }
    }

    private static byte[] metadataYaml(InputStream tar, TarballLimits limits) throws IOException, Invalid {
        byte[] header = new byte[BLOCK];
        int entries = 0;
        long scanned = 0;
        while (tar.readNBytes(header, 0, BLOCK) == BLOCK) {
            if (header[0] == 0) {
                break; // the end-of-archive blocks
            }
            String name = text(header, NAME_OFFSET, NAME_LENGTH);
            String prefix = text(header, PREFIX_OFFSET, PREFIX_LENGTH);
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = octal(header, SIZE_OFFSET, SIZE_LENGTH);
            if (path.equals("metadata.yaml") || path.equals("./metadata.yaml")) {
                if (size > MAX_METADATA_BYTES) {
                    throw new Invalid("metadata.yaml is too large");
                }
                return tar.readNBytes((int) size);
            }
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            entries++;
            scanned += BLOCK + padded;
            if (entries >= limits.maxEntries() || scanned > limits.maxBytes()) {
                throw new Invalid("metadata.yaml was not found within the first " + limits.maxEntries() + " entries or "
                        + limits.maxBytes() + " bytes of the image tarball");
            }
            try {
                tar.skipNBytes(padded);
            } catch (EOFException e) {
                break;
            }
        }
        throw new Invalid("Image tarball is missing metadata.yaml");
    }

    private static ImageMetadata parse(String yaml) throws Invalid {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new Invalid("Could not parse metadata.yaml: " + e.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new Invalid("Could not parse metadata.yaml: not a mapping");
        }
        Object architecture = map.get("architecture");
        if (architecture == null || architecture.toString().isBlank()) {
            throw new Invalid("metadata.yaml has no architecture");
        }
        Object created = map.get("creation_date");
        Instant createdAt =
                created instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : Instant.EPOCH;
        Map<String, String> properties = new LinkedHashMap<>();
        if (map.get("properties") instanceof Map<?, ?> values) {
            values.forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        }
        return new ImageMetadata(architecture.toString(), createdAt, properties);
    }

    private static String text(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** A tar number: octal digits, or GNU's base-256 for large values (high bit of the first byte set). */
    private static long octal(byte[] block, int offset, int length) throws Invalid {
        if ((block[offset] & 0x80) != 0) {
            long value = block[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        String digits = text(block, offset, length).trim();
        try {
            long value = digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
            if (value < 0) {
                throw new NumberFormatException(digits);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid("Not a tar archive (or not one compression LXD reads)");
        }
    }
}
