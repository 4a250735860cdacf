package dev.muster.images.catalog;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.images.ImageUpdated;
import dev.muster.lxd.web.LxdException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What changes of an image after its import: {@code public}, properties, aliases. Each change is written with a
 * {@code muster.image.updated} event carrying the image's new changeable state, in one transaction.
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

    public void update(String fingerprint, boolean isPublic, Map<String, String> properties) {
        changing(Set.of(fingerprint), () -> catalog.update(fingerprint, isPublic, properties));
    }

    public void createAlias(ImageCatalog.Alias alias) {
        changing(Set.of(alias.fingerprint()), () -> {
            if (!catalog.addAlias(alias)) {
                throw LxdException.conflict("Alias \"%s\" already exists", alias.name());
            }
        });
    }

    public void renameAlias(ImageCatalog.Alias alias, String newName) {
        changing(Set.of(alias.fingerprint()), () -> {
            if (!catalog.renameAlias(alias.name(), newName)) {
                throw LxdException.conflict("Alias \"%s\" already exists", newName);
            }
        });
    }

    /** Points the alias at {@code fingerprint}, with {@code description}: both images change. */
    public void updateAlias(ImageCatalog.Alias alias, String fingerprint, String description) {
        Set<String> touched = new LinkedHashSet<>();
        touched.add(alias.fingerprint());
        touched.add(fingerprint);
        changing(touched, () -> catalog.updateAlias(alias.name(), fingerprint, description));
    }

    public void deleteAlias(ImageCatalog.Alias alias) {
        changing(Set.of(alias.fingerprint()), () -> catalog.deleteAlias(alias.name()));
    }

    private void changing(Set<String> fingerprints, Runnable change) {
        transactions.executeWithoutResult(status -> {
            change.run();
            for (String fingerprint : fingerprints) {
                catalog.byFingerprint(fingerprint)
                        .ifPresent(image -> outbox.publish(new ImageUpdated(image.fingerprint(), image.isPublic(), image.properties(),
                                catalog.aliasesOf(image.fingerprint()).stream().map(ImageCatalog.Alias::name).toList())));
            }
        });
    }
}
