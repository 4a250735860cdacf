package dev.muster.images.catalog;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.agents.DeleteImage;
import dev.muster.events.images.ImageCreated;
import dev.muster.events.images.ImageDeleted;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.operations.Operation;
import dev.muster.images.multipart.MultipartReader;
import dev.muster.images.store.BlobStore;
import dev.muster.images.tarball.ImageMetadata;
import dev.muster.lxd.operations.Operations;
import dev.muster.lxd.web.LxdException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports, finds and deletes images. An upload (a unified tarball, or a split image's two files) is streamed into the
 * blob store while its SHA-256 is computed; only an image with valid metadata and a new fingerprint is kept and recorded (with its event and operation, in one
 * transaction); anything else is removed again, so no partial image is ever left behind.
 */
@Service
public class Images {

    private final BlobStore blobs;
    private final ImageCatalog catalog;
    private final Operations operations;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final dev.muster.images.replication.ReconcileRequests replication;

    public Images(BlobStore blobs, ImageCatalog catalog, Operations operations, Outbox outbox, TransactionTemplate transactions,
            dev.muster.images.replication.ReconcileRequests replication) {
        this.replication = replication;
        this.blobs = blobs;
        this.catalog = catalog;
        this.operations = operations;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** LXD's direct upload of a unified tarball. */
    public Operation importTarball(InputStream body, String filename, boolean isPublic, Map<String, String> extraProperties)
            throws IOException {
        BlobStore.Stored stored;
        try {
            stored = blobs.receive(body);
        } catch (BlobStore.TooLarge e) {
            throw tooLarge(e);
        }
        return register(stored, "container", filename, isPublic, extraProperties);
    }

    /**
     * LXD's direct upload of a split image ({@code lxc image import META ROOTFS}): a {@code metadata} part, then a
     * {@code rootfs} part (a container's) or {@code rootfs.img} (a virtual machine's). Both are streamed into the
     * store; the fingerprint is the SHA-256 of the two in that order, the size their sum, the file name the rootfs
     * part's (as LXD has it). Parts after those two are ignored, as LXD ignores them.
     */
    public Operation importSplit(MultipartReader parts, String filename, boolean isPublic, Map<String, String> extraProperties)
            throws IOException {
        BlobStore.Stored stored;
        String type;
        String rootfsName;
        try (BlobStore.Receiving receiving = blobs.receiving()) {
            MultipartReader.Part metadata = parts.next().orElseThrow(Images::invalidMultipart);
            if (!metadata.name().equals("metadata")) {
                throw invalidMultipart();
            }
            receiving.file(metadata.content());
            MultipartReader.Part rootfs = parts.next().orElseThrow(Images::invalidMultipart);
            type = switch (rootfs.name()) {
                case "rootfs" -> "container";
                case "rootfs.img" -> "virtual-machine";
                default -> throw invalidMultipart();
            };
            receiving.file(rootfs.content());
            rootfsName = rootfs.filename();
            stored = receiving.done();
        } catch (BlobStore.TooLarge e) {
            throw tooLarge(e);
        } catch (MultipartReader.Malformed e) {
            throw LxdException.badRequest("Invalid multipart image: %s", e.getMessage());
        }
        return register(stored, type, rootfsName.isEmpty() ? filename : rootfsName, isPublic, extraProperties);
    }

    private static LxdException invalidMultipart() {
        return LxdException.badRequest("Invalid multipart image");
    }

    private static LxdException tooLarge(BlobStore.TooLarge e) {
        return new LxdException(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    /**
     * Keeps and records a received image when its metadata is valid and its fingerprint new (with its event and
     * operation, in one transaction); otherwise removes its files again and says why.
     */
    private Operation register(BlobStore.Stored stored, String type, String filename, boolean isPublic,
            Map<String, String> extraProperties) throws IOException {
        ImageMetadata metadata;
        try {
            metadata = ImageMetadata.of(stored.path());
        } catch (ImageMetadata.Invalid | IOException e) {
            blobs.discard(stored);
            throw LxdException.badRequest("Failed getting image metadata: %s", e.getMessage());
        }
        if (catalog.byFingerprint(stored.fingerprint()).isPresent()) {
            blobs.discard(stored);
            throw LxdException.conflict("Image with same fingerprint already exists");
        }
        blobs.keep(stored);
        Map<String, String> properties = new java.util.LinkedHashMap<>(metadata.properties());
        properties.putAll(extraProperties);
        Image image = new Image(stored.fingerprint(), filename == null ? "" : filename, stored.size(), metadata.architecture(), type,
                isPublic, properties, metadata.createdAt(), Instant.now(), stored.split());
        try {
            Operation done = transactions.execute(status -> {
                if (!catalog.add(image)) {
                    throw LxdException.conflict("Image with same fingerprint already exists");
                }
                Operation started = operations.start(new Operations.Spec("task", "Downloading image",
                        Map.of("images", List.of("/1.0/images/" + image.fingerprint())), Map.of(), false));
                outbox.publish(new ImageCreated(image.fingerprint(), image.architecture(), image.size(), image.filename()));
                return operations.succeed(started.id(), Map.of("fingerprint", image.fingerprint(), "size", image.size()));
            });
            replication.request();
            return done;
        } catch (RuntimeException e) {
            if (!(e instanceof LxdException)) {
                blobs.delete(image.fingerprint());
            }
            throw e;
        }
    }

    /** An image by its fingerprint or a unique prefix of it, as LXD resolves them. */
    public Image find(String fingerprintOrPrefix) {
        List<Image> matches = fingerprintOrPrefix.isEmpty() ? List.of() : catalog.withPrefix(fingerprintOrPrefix);
        if (matches.isEmpty()) {
            throw LxdException.notFound("Image not found");
        }
        if (matches.size() > 1) {
            throw LxdException.badRequest("More than one image matches");
        }
        return matches.getFirst();
    }

    public Operation delete(String fingerprintOrPrefix) throws IOException {
        Image image = find(fingerprintOrPrefix);
        Operation operation = transactions.execute(status -> {
            // the holders' copies go too: membership must stop counting them, and their agents delete them
            for (String holder : catalog.holdersOf(image.fingerprint())) {
                outbox.publish(new ImageReplicaLost(image.fingerprint(), holder));
                outbox.publish(new DeleteImage(holder, UUID.randomUUID().toString(), image.fingerprint()));
            }
            catalog.delete(image.fingerprint());
            outbox.publish(new ImageDeleted(image.fingerprint()));
            Operation started = operations.start(Operations.Spec.task("Deleting image",
                    Map.of("images", List.of("/1.0/images/" + image.fingerprint()))));
            return operations.succeed(started.id(), Map.of());
        });
        blobs.delete(image.fingerprint());
        return operation;
    }
}
