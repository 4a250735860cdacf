package dev.muster.images.application;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.images.ImageUpdated;
import dev.muster.images.catalog.Alias;
import dev.muster.images.catalog.Catalog;
import dev.muster.images.catalog.Image;
import dev.muster.images.catalog.ImageRejection;
import dev.muster.images.persistence.ImageCatalog;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What changes of an image after its import: {@code public}, properties, aliases, as {@link Catalog} rules. Each
 * change is written with a {@code muster.image.updated} event carrying the image's new changeable state, in one
 * transaction.
 */
@Service
public class ImageEdits {

    private final ImageCatalog catalog;
    private final Outbox outbox;
    private final TransactionTemplate transactions;

    public ImageEdits(ImageCatalog catalog, Outbox outbox, TransactionTemplate transactions) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** Records the image's new {@code public} flag and properties. */
    public void update(Image changed) {
        changing(
                Set.of(changed.fingerprint()),
                () -> catalog.update(changed.fingerprint(), changed.isPublic(), changed.properties()));
    }

    public Alias alias(String name) {
        return rules().alias(name);
    }

    public void createAlias(String name, String description, String target) {
        Alias alias = rules().createAlias(name, description, target);
        changing(Set.of(alias.fingerprint()), () -> {
            if (!catalog.addAlias(alias)) {
                throw ImageRejection.aliasExists(alias.name()); // created meanwhile
            }
        });
    }

    public void replaceAlias(Alias alias, String description, String target) {
        retarget(alias, rules().replaceAlias(alias, description, target));
    }

    public void patchAlias(Alias alias, String description, String target) {
        retarget(alias, rules().patchAlias(alias, description, target));
    }

    public void renameAlias(Alias alias, String newName) {
        Alias renamed = rules().renameAlias(alias, newName);
        changing(Set.of(alias.fingerprint()), () -> {
            if (!catalog.renameAlias(alias.name(), renamed.name())) {
                throw ImageRejection.aliasExists(renamed.name()); // taken meanwhile
            }
        });
    }

    public void deleteAlias(Alias alias) {
        changing(Set.of(alias.fingerprint()), () -> catalog.deleteAlias(alias.name()));
    }

    /** Points the alias at the changed one's image, with its description: both images change. */
    private void retarget(Alias alias, Alias changed) {
        Set<String> touched = new LinkedHashSet<>();
        touched.add(alias.fingerprint());
        touched.add(changed.fingerprint());
        changing(touched, () -> catalog.updateAlias(alias.name(), changed.fingerprint(), changed.description()));
    }

    private Catalog rules() {
        return new Catalog(catalog);
    }

    private void changing(Set<String> fingerprints, Runnable change) {
        transactions.executeWithoutResult(status -> {
            change.run();
            for (String fingerprint : fingerprints) {
                catalog.byFingerprint(fingerprint)
                        .ifPresent(image -> outbox.publish(new ImageUpdated(
                                image.fingerprint(),
                                image.isPublic(),
                                image.properties(),
                                catalog.aliasesOf(image.fingerprint()).stream()
                                        .map(Alias::name)
                                        .toList())));
            }
        });
    }
}
