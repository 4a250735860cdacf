package dev.muster.images.tarball;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball))) {
            file.mark(8);
            byte[] magic = file.readNBytes(6);
            file.reset();
            Compression compression = Compression.of(magic);
            if (compression == Compression.GZIP) {
                try {
                    return parse(new String(metadataYaml(new GZIPInputStream(file)), StandardCharsets.UTF_8));
                } catch (ZipException e) {
                    throw new Invalid("Corrupt gzip compression: " + e.getMessage());
                }
            }
            if (compression == Compression.XZ) {
                return viaXz(file);
            }
            if (compression == Compression.NONE) {
                return parse(new String(metadataYaml(file), StandardCharsets.UTF_8));
            }
            return viaDecompressor(tarball, compression);
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

    private static ImageMetadata viaXz(InputStream file) throws IOException, Invalid {
        try {
            return parse(new String(
                    metadataYaml(new BufferedInputStream(new XZInputStream(file, XZ_MEMORY_LIMIT_KIB))),
                    StandardCharsets.UTF_8));
        } catch (MemoryLimitException e) {
            throw new Invalid("xz compression needs " + e.getMemoryNeeded() / 1024
                    + " MiB of memory to decompress, more than the " + XZ_MEMORY_LIMIT_KIB / 1024 + " MiB allowed");
        } catch (XZIOException | EOFException e) {
            throw new Invalid("Corrupt xz compression: " + e.getMessage());
        }
    }

    /** bzip2 and zstd through the system's decompressor (as LXD uses the system's tools), read as a stream. */
    private static ImageMetadata viaDecompressor(Path tarball, Compression compression) throws IOException, Invalid {
        Process process;
        try {
            process = new ProcessBuilder(compression.tool, "-dc", tarball.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new Invalid(compression.tool + "-compressed images are not supported on this server (no "
                    + compression.tool + " command)");
        }
        try (InputStream tar = new BufferedInputStream(process.getInputStream())) {
            return parse(new String(metadataYaml(tar), StandardCharsets.UTF_8));
        } finally {
            process.destroy();
        }
    }

    private static byte[] metadataYaml(InputStream tar) throws IOException, Invalid {
        byte[] header = new byte[BLOCK];
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
