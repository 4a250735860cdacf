package dev.muster.scheduler.instances;

import dev.muster.scheduler.images.ImagesView;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the image a creation names, before the 202, as LXD's {@code ResolveImage} does: a fingerprint first (whole
 * or a unique prefix), else an alias by its exact name. An image imported a moment ago gets a moment to reach the
 * {@link ImagesView}.
 */
public final class ImageResolver {

    private final ImagesView images;
    private final Duration patience;

    /** Gives an image the views' usual moment to arrive. */
    public ImageResolver(ImagesView images) {
        this(images, ViewLag.PATIENCE);
    }

    public ImageResolver(ImagesView images, Duration patience) {
        this.images = images;
        this.patience = patience;
    }

    /** @throws InstanceRejection not found for an unknown alias or fingerprint, invalid for an ambiguous prefix or no image named */
    public ImagesView.Image resolve(ImageSource source) {
        if (!source.server().isBlank()) {
            throw InstanceRejection.invalid(
                    "Muster creates instances only from images imported into the cluster, "
                            + "not from image servers (source.server \"%s\"): import the image first",
                    source.server());
        }
        if (!source.fingerprint().isBlank()) {
            return byFingerprint(source.fingerprint());
        }
        if (!source.alias().isBlank()) {
            return ViewLag.firstFound(patience, images.changes(), () -> images.withAlias(source.alias()))
                    .orElseThrow(() -> InstanceRejection.notFound("Image alias not found"));
        }
        throw InstanceRejection.invalid("Must specify one of alias, fingerprint or properties for init from image");
    }

    private ImagesView.Image byFingerprint(String prefix) {
        ImagesView.Match match = ViewLag.firstFound(
                        patience,
                        images.changes(),
                        () -> Optional.of(images.withFingerprint(prefix))
                                .filter(found -> !(found instanceof ImagesView.Match.NotFound)))
                .orElse(new ImagesView.Match.NotFound());
        return switch (match) {
            case ImagesView.Match.Found found -> found.image();
            case ImagesView.Match.NotFound notFound -> throw InstanceRejection.notFound("Image not found");
            case ImagesView.Match.Ambiguous ambiguous -> throw InstanceRejection.invalid("More than one image matches");
        };
    }
}
