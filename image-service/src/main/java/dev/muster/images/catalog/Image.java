package dev.muster.images.catalog;

import java.time.Instant;
import java.util.Map;

/** An image as the catalog keeps it. */
public record Image(String fingerprint, String filename, long size, String architecture, String type, boolean isPublic,
        Map<String, String> properties, Instant createdAt, Instant uploadedAt) {}
