package dev.muster.images.tarball;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a unified image tarball says about itself in its {@code metadata.yaml}: {@code architecture},
 * {@code creation_date} (Unix seconds) and {@code properties}. Reads plain and gzip-compressed tar.
 */
public record ImageMetadata(String architecture, Instant createdAt, Map<String, String> properties) {

    /** The tarball is not an image LXD would accept. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final int BLOCK = 512;

    public static ImageMetadata of(Path tarball) throws IOException, Invalid {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball))) {
            file.mark(2);
            int first = file.read();
            int second = file.read();
            file.reset();
            InputStream tar = first == 0x1f && second == 0x8b ? new GZIPInputStream(file) : file;
            return parse(new String(metadataYaml(tar), StandardCharsets.UTF_8));
        }
    }

    private static byte[] metadataYaml(InputStream tar) throws IOException, Invalid {
        byte[] header = new byte[BLOCK];
        while (tar.readNBytes(header, 0, BLOCK) == BLOCK) {
            if (header[0] == 0) {
                break; // the end-of-archive blocks
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            String path = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = octal(header, 124, 12);
            if (path.equals("metadata.yaml") || path.equals("./metadata.yaml")) {
                if (size > 1 << 20) {
                    throw new Invalid("metadata.yaml is too large");
                }
                return tar.readNBytes((int) size);
            }
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            try {
                tar.skipNBytes(padded);
            } catch (java.io.EOFException e) {
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
        Instant createdAt = created instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : Instant.EPOCH;
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

    private static long octal(byte[] block, int offset, int length) {
        String digits = text(block, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
