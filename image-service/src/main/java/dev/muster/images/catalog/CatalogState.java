package dev.muster.images.catalog;

import java.util.List;
import java.util.Optional;

/** What the catalog's rules need to know of the images and aliases it holds. */
public interface CatalogState {

    /** The image with exactly this fingerprint. */
    Optional<Image> byFingerprint(String fingerprint);

    /** The images whose fingerprint starts with {@code prefix}. */
    List<Image> withPrefix(String prefix);

    Optional<Alias> alias(String name);
}
