package dev.muster.images.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * An image as the catalog keeps it. A split image is two files (metadata tarball and rootfs, {@code size} their sum)
 * whose fingerprint is the SHA-256 of both in that order; a unified image is one tarball.
 */
public record Image(
        String fingerprint,
        String filename,
        long size,
        String architecture,
        String type,
        boolean isPublic,
        Map<String, String> properties,
        Instant createdAt,
        Instant uploadedAt,
        boolean split) {

    public static final String CONTAINER = "container";
    public static final String VIRTUAL_MACHINE = "virtual-machine";

    /** The same image with what may change after its import: {@code public} and properties. */
    public Image with(boolean isPublic, Map<String, String> properties) {
        return new Image(
                fingerprint, filename, size, architecture, type, isPublic, properties, createdAt, uploadedAt, split);
    }
}
