package dev.muster.images.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's rules, as LXD has them: which images and aliases may be added, how a fingerprint prefix or an alias
 * is resolved, what an edit makes of an image or alias. Free of framework code: give it what the catalog holds and a
 * request, get the image or alias to record, or an {@link ImageRejection}.
 */
public final class Catalog {

    /** The first part of a split upload, and its name in a split export. */
    public static final String METADATA_PART = "metadata";
    /** The second part of a split container image. */
    public static final String ROOTFS_PART = "rootfs";
    /** The second part of a split virtual-machine image. */
    public static final String VM_ROOTFS_PART = "rootfs.img";

    /** Which file(s) of an image an export sends. */
    public enum ExportPart {
        WHOLE,
        METADATA,
        ROOTFS
    }

    private final CatalogState state;

    public Catalog(CatalogState state) {
        this.state = state;
    }

    // ---- images ----

    /** A received image may be recorded unless the catalog holds its fingerprint already. */
    public Image admit(Image received) {
        if (state.byFingerprint(received.fingerprint()).isPresent()) {
            throw ImageRejection.sameFingerprint();
        }
        return received;
    }

    /** An image by its fingerprint or a unique prefix of it, as LXD resolves them. */
    public Image find(String fingerprintOrPrefix) {
        List<Image> matches = isEmpty(fingerprintOrPrefix) ? List.of() : state.withPrefix(fingerprintOrPrefix);
        if (matches.isEmpty()) {
            throw ImageRejection.notFound("Image not found");
        }
        if (matches.size() > 1) {
            throw ImageRejection.invalid("More than one image matches");
        }
        return matches.getFirst();
    }

    /** {@code PUT}: {@code public} and the properties are replaced; what the request leaves out is false or none. */
    public static Image replaced(Image image, Boolean isPublic, Map<String, String> properties) {
        return image.with(Boolean.TRUE.equals(isPublic), properties == null ? Map.of() : properties);
    }

    /** {@code PATCH}: what the request names changes, properties are merged, the rest stays. */
    public static Image patched(Image image, Boolean isPublic, Map<String, String> properties) {
        Map<String, String> merged = new LinkedHashMap<>(image.properties());
        if (properties != null) {
            merged.putAll(properties);
        }
        return image.with(isPublic == null ? image.isPublic() : isPublic, merged);
    }

    /** A split upload's first part must be its metadata. */
    public static void requireMetadataPart(String partName) {
        if (!METADATA_PART.equals(partName)) {
            throw ImageRejection.invalidMultipart();
        }
    }

    /** A split upload's second part tells the image's type: {@code rootfs} a container's, {@code rootfs.img} a VM's. */
    public static String typeOfRootfsPart(String partName) {
        return switch (partName) {
            case ROOTFS_PART -> Image.CONTAINER;
            case VM_ROOTFS_PART -> Image.VIRTUAL_MACHINE;
            default -> throw ImageRejection.invalidMultipart();
        };
    }

    /** The name of a split image's rootfs part, by its type. */
    public static String rootfsPartOf(Image image) {
        return Image.VIRTUAL_MACHINE.equals(image.type()) ? VM_ROOTFS_PART : ROOTFS_PART;
    }

    /**
     * What an export of an image whose files are {@code split} (or not) sends for the requested {@code part} (null:
     * the whole image). A unified image has no parts; a split one has its metadata and its rootfs.
     */
    public static ExportPart exportPart(Image image, boolean split, String part) {
        if (part == null) {
            return ExportPart.WHOLE;
        }
        if (!split) {
            throw ImageRejection.invalid(
                    "Image " + image.fingerprint() + " is a unified image: it has no separate \"" + part + "\" file");
        }
        return switch (part) {
            case METADATA_PART -> ExportPart.METADATA;
            case ROOTFS_PART, VM_ROOTFS_PART -> ExportPart.ROOTFS;
            default -> throw ImageRejection.invalid("Unknown image part \"" + part + "\": metadata or rootfs");
        };
    }

    // ---- aliases ----

    public Alias alias(String name) {
        return state.alias(name).orElseThrow(() -> ImageRejection.notFound("Image alias not found"));
    }

    /** A new alias: name and target are required, the name must be free (checked before the target, as LXD does). */
    public Alias createAlias(String name, String description, String target) {
        if (isEmpty(name) || isEmpty(target)) {
            throw ImageRejection.invalid("name and target are required"); // LXD's words
        }
        if (state.alias(name).isPresent()) {
            throw ImageRejection.aliasExists(name);
        }
        return new Alias(name, find(target).fingerprint(), orEmpty(description));
    }

    /** {@code PUT}: description and target replaced; the target is required, as in LXD. */
    public Alias replaceAlias(Alias alias, String description, String target) {
        if (isEmpty(target)) {
            throw ImageRejection.invalid("The target field is required");
        }
        return new Alias(alias.name(), find(target).fingerprint(), orEmpty(description));
    }

    /** {@code PATCH}: what the request names changes, the rest stays. */
    public Alias patchAlias(Alias alias, String description, String target) {
        String fingerprint =
                isEmpty(target) ? alias.fingerprint() : find(target).fingerprint();
        return new Alias(alias.name(), fingerprint, description == null ? alias.description() : description);
    }

    /** A rename needs a new name that is free. */
    public Alias renameAlias(Alias alias, String newName) {
        if (isEmpty(newName)) {
            throw ImageRejection.invalid("name is required");
        }
        if (state.alias(newName).isPresent()) {
            throw ImageRejection.aliasExists(newName);
        }
        return new Alias(newName, alias.fingerprint(), alias.description());
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
