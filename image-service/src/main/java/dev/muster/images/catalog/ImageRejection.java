package dev.muster.images.catalog;

/**
 * A request the image service refuses, with the kind of refusal (which the web adapter maps to LXD's status codes)
 * and LXD's message where LXD has one.
 */
public final class ImageRejection extends RuntimeException {

    /** Why a request was refused. */
    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        TOO_LARGE
    }

    private final Kind kind;

    private ImageRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ImageRejection invalid(String message) {
        return new ImageRejection(Kind.INVALID, message);
    }

    public static ImageRejection notFound(String message) {
        return new ImageRejection(Kind.NOT_FOUND, message);
    }

    public static ImageRejection conflict(String message) {
        return new ImageRejection(Kind.CONFLICT, message);
    }

    public static ImageRejection tooLarge(String message) {
        return new ImageRejection(Kind.TOO_LARGE, message);
    }

    /** An upload whose fingerprint the catalog holds already. */
    public static ImageRejection sameFingerprint() {
        return conflict("Image with same fingerprint already exists");
    }

    /** An alias name that is taken. */
    public static ImageRejection aliasExists(String name) {
        return conflict("Alias \"" + name + "\" already exists");
    }

    /** A split upload whose parts are not LXD's {@code metadata} then {@code rootfs} (or {@code rootfs.img}). */
    public static ImageRejection invalidMultipart() {
        return invalid("Invalid multipart image");
    }

    /** A split upload that is not even well-formed multipart. */
    public static ImageRejection invalidMultipart(String why) {
        return invalid("Invalid multipart image: " + why);
    }

    /** An upload whose metadata cannot be read or is not LXD's. */
    public static ImageRejection invalidMetadata(String why) {
        return invalid("Failed getting image metadata: " + why);
    }
}
