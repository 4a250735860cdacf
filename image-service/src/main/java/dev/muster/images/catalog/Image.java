package dev.muster.images.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * An image as the catalog keeps it. A split image is two files (metadata tarball and rootfs, {@code size} their sum)
 * whose fingerprint is the SHA-256 of both in that order; a unified image is one tarball.
 */
public record Image(String fingerprint, String filename, long size, String architecture, String type, boolean isPublic,
        Map<String, String> properties, Instant createdAt, Instant uploadedAt, boolean split) {}
