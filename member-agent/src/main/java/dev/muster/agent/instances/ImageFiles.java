package dev.muster.agent.instances;

import java.nio.file.Path;

/**
 * The member's verified copy of an image: a unified tarball ({@code <fp>}), or a split image's metadata tarball
 * ({@code <fp>}) and root file system ({@code <fp>.rootfs}). The paths are null where the member keeps no files (a
 * simulated member without an image directory).
 *
 * @param fingerprint the image's SHA-256 fingerprint (or, in simulations, any name), empty for no image
 */
public record ImageFiles(String fingerprint, Path file, Path rootfs) {

    /** No image: an empty instance. */
    public static final ImageFiles NONE = new ImageFiles("", null, null);

    public boolean none() {
        return fingerprint.isEmpty();
    }

    public boolean split() {
        return rootfs != null;
    }
}
