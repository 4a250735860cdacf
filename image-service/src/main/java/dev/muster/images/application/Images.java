package dev.muster.images.application;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.agents.DeleteImage;
import dev.muster.events.images.ImageCreated;
import dev.muster.events.images.ImageDeleted;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.operations.Operation;
import dev.muster.images.catalog.Catalog;
import dev.muster.images.catalog.Image;
import dev.muster.images.catalog.ImageRejection;
import dev.muster.images.multipart.MultipartReader;
import dev.muster.images.persistence.ImageCatalog;
import dev.muster.images.persistence.ReplicaRecords;
import dev.muster.images.replication.Replication;
import dev.muster.images.store.BlobStore;
import dev.muster.images.tarball.ImageMetadata;
import dev.muster.images.tarball.TarballLimits;
import dev.muster.lxd.operations.Operations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports, finds and deletes images. An upload (a unified tarball, or a split image's two files) is streamed into the
 * blob store while its SHA-256 is computed; only an image with valid metadata and a new fingerprint is kept and
 * recorded (with its event and operation, in one transaction); anything else is removed again, so no partial image is
 * ever left behind. The rules are {@link Catalog}'s.
 */
@Service
public class Images {

    private final BlobStore blobs;
    private final ImageCatalog catalog;
    private final ReplicaRecords replicas;
    private final Operations operations;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final ReconcileRequests replication;
    private final TarballLimits tarballLimits;

    public Images(
            BlobStore blobs,
            ImageCatalog catalog,
            ReplicaRecords replicas,
            Operations operations,
            Outbox outbox,
            TransactionTemplate transactions,
            ReconcileRequests replication,
            TarballLimits tarballLimits) {
        this.blobs = blobs;
        this.catalog = catalog;
        this.replicas = replicas;
        this.operations = operations;
        this.outbox = outbox;
        this.transactions = transactions;
        this.replication = replication;
        this.tarballLimits = tarballLimits;
    }

    /** LXD's direct upload of a unified tarball. */
    public Operation importTarball(
            InputStream body, String filename, boolean isPublic, Map<String, String> extraProperties)
            throws IOException {
        BlobStore.Stored stored;
        try {
            stored = blobs.receive(body);
        } catch (BlobStore.TooLarge e) {
            throw ImageRejection.tooLarge(e.getMessage());
        }
        return register(stored, Image.CONTAINER, filename, isPublic, extraProperties);
    }

    /**
     * LXD's direct upload of a split image ({@code lxc image import META ROOTFS}): a {@code metadata} part, then a
     * {@code rootfs} part (a container's) or {@code rootfs.img} (a virtual machine's). Both are streamed into the
     * store; the fingerprint is the SHA-256 of the two in that order, the size their sum, the file name the rootfs
     * part's (as LXD has it). Parts after those two are ignored, as LXD ignores them.
     */
    public Operation importSplit(
            MultipartReader parts, String filename, boolean isPublic, Map<String, String> extraProperties)
            throws IOException {
        BlobStore.Stored stored;
        String type;
        String rootfsName;
        try (BlobStore.Receiving receiving = blobs.receiving()) {
            MultipartReader.Part metadata = parts.next().orElseThrow(ImageRejection::invalidMultipart);
            Catalog.requireMetadataPart(metadata.name());
            receiving.file(metadata.content());
            MultipartReader.Part rootfs = parts.next().orElseThrow(ImageRejection::invalidMultipart);
            type = Catalog.typeOfRootfsPart(rootfs.name());
            receiving.file(rootfs.content());
            rootfsName = rootfs.filename();
            stored = receiving.done();
        } catch (BlobStore.TooLarge e) {
            throw ImageRejection.tooLarge(e.getMessage());
        } catch (MultipartReader.Malformed e) {
            throw ImageRejection.invalidMultipart(e.getMessage());
        }
        return register(stored, type, rootfsName.isEmpty() ? filename : rootfsName, isPublic, extraProperties);
    }

    /**
     * Keeps and records a received image when its metadata is valid and its fingerprint new (with its event and
     * operation, in one transaction); otherwise removes its files again and says why.
     */
    private Operation register(
            BlobStore.Stored stored,
            String type,
            String filename,
            boolean isPublic,
            Map<String, String> extraProperties)
            throws IOException {
        ImageMetadata metadata;
        try {
            metadata = ImageMetadata.of(stored.path(), tarballLimits);
        } catch (ImageMetadata.Invalid | IOException e) {
            blobs.discard(stored);
            throw ImageRejection.invalidMetadata(e.getMessage());
        }
        Map<String, String> properties = new LinkedHashMap<>(metadata.properties());
        properties.putAll(extraProperties);
        Image image;
        try {
            image = new Catalog(catalog)
                    .admit(new Image(
                            stored.fingerprint(),
                            filename == null ? "" : filename,
                            stored.size(),
                            metadata.architecture(),
                            type,
                            isPublic,
                            properties,
                            metadata.createdAt(),
                            Instant.now(),
                            stored.split()));
        } catch (ImageRejection e) {
            blobs.discard(stored);
            throw e;
        }
        blobs.keep(stored);
        try {
            Operation done = transactions.execute(status -> {
                if (!catalog.add(image)) {
                    throw ImageRejection.sameFingerprint(); // a concurrent upload of the same image won: its files stay
                }
                Operation started = operations.start(new Operations.Spec(
                        "task",
                        "Downloading image",
                        Map.of("images", List.of("/1.0/images/" + image.fingerprint())),
                        Map.of(),
                        false));
                outbox.publish(
                        new ImageCreated(image.fingerprint(), image.architecture(), image.size(), image.filename()));
                return operations.succeed(
                        started.id(), Map.of("fingerprint", image.fingerprint(), "size", image.size()));
            });
            replication.request();
            return done;
        } catch (RuntimeException e) {
            if (!(e instanceof ImageRejection)) {
                blobs.delete(image.fingerprint());
            }
            throw e;
        }
    }

    /** An image by its fingerprint or a unique prefix of it, as LXD resolves them. */
    public Image find(String fingerprintOrPrefix) {
        return new Catalog(catalog).find(fingerprintOrPrefix);
    }

    /** Deletes the image, its record and its files, and tells every holder to delete its copy. */
    public Operation delete(String fingerprintOrPrefix) throws IOException {
        Image image = find(fingerprintOrPrefix);
        Operation operation = transactions.execute(status -> {
            // membership must stop counting the holders' copies, and their agents delete them
            for (String holder : Replication.copiesToDelete(replicas.holdersOf(image.fingerprint()))) {
                outbox.publish(new ImageReplicaLost(image.fingerprint(), holder));
                outbox.publish(new DeleteImage(holder, UUID.randomUUID().toString(), image.fingerprint()));
            }
            catalog.delete(image.fingerprint());
            outbox.publish(new ImageDeleted(image.fingerprint()));
            Operation started = operations.start(Operations.Spec.task(
                    "Deleting image", Map.of("images", List.of("/1.0/images/" + image.fingerprint()))));
            return operations.succeed(started.id(), Map.of());
        });
        blobs.delete(image.fingerprint());
        return operation;
    }
}
