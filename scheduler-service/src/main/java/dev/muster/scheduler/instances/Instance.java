package dev.muster.scheduler.instances;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as the scheduler keeps it.
 *
 * @param location the member it lives on, or null while its placement is being decided
 * @param status {@code Running}, {@code Stopped} or {@code Error}, as its member reported
 * @param operationId the operation of the creation or move in progress, if any
 */
public record Instance(String project, String name, String type, String architecture, String description,
        Map<String, String> config, Map<String, Map<String, String>> devices, List<String> profiles, String location,
        String status, boolean start, String operationId, Instant createdAt) {

    /** Where LXD records the fingerprint of the image an instance was created from. */
    public static final String BASE_IMAGE = "volatile.base_image";

    public boolean placed() {
        return location != null;
    }

    /** Whether it was created from an image (its member is to fetch the image, and says when it has). */
    public boolean fromImage() {
        return config != null && config.containsKey(BASE_IMAGE);
    }
}
