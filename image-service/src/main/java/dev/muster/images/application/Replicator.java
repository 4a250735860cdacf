package dev.muster.images.application;

import dev.muster.eventing.outbox.Outbox;
import dev.muster.events.PublicEvent;
import dev.muster.events.agents.CommandResult;
import dev.muster.events.agents.CopyImage;
import dev.muster.events.agents.VerifyImage;
import dev.muster.events.images.ImageReplicaFailed;
import dev.muster.events.images.ImageReplicaLost;
import dev.muster.events.images.ImageReplicaRequested;
import dev.muster.events.images.ImageReplicaStored;
import dev.muster.images.catalog.Image;
import dev.muster.images.persistence.ImageCatalog;
import dev.muster.images.persistence.ReplicaRecords;
import dev.muster.images.replication.ClusterMembers;
import dev.muster.images.replication.Replication;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every image on {@code cluster.images_minimal_replica} usable members (−1: all). Holders are members that
 * reported a verified copy; offline or evacuated holders do not count (their copies stay). When an image has too
 * few, new holders are chosen ({@link Replication}) and sent {@link CopyImage} commands naming the export URL; a
 * copy not answered in time, or failed, is asked again (of another member, after a back-off). Runs on every change
 * that can matter and every few seconds as a safety net, once the members are known ({@link ClusterMembers#isComplete()}).
 * A verified copy a member fetched on its own (the scheduler asks a member to fetch the image of a new instance)
 * counts as well.
 */
@Service
public class Replicator {

    private static final Logger log = LoggerFactory.getLogger(Replicator.class);
    private static final long COPY_PATIENCE_SECONDS = 120;
    private static final long FAILURE_BACKOFF_SECONDS = 10;

    private final ImageCatalog catalog;
    private final ReplicaRecords records;
    private final ClusterMembers members;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final String exportBase;
    private final List<String> removedDuringCatchUp = new CopyOnWriteArrayList<>();

    public Replicator(
            ImageCatalog catalog,
            ReplicaRecords records,
            ClusterMembers members,
            Outbox outbox,
            TransactionTemplate transactions,
            @Value("${muster.images.export-url}") String exportBase) {
        this.catalog = catalog;
        this.records = records;
        this.members = members;
        this.outbox = outbox;
        this.transactions = transactions;
        this.exportBase = exportBase;
    }

    @Scheduled(fixedDelayString = "${muster.images.replication-check:5s}")
    public synchronized void reconcile() {
        if (!members.isComplete()) {
            return;
        }
        Replication replication = members.replication();
        if (replication.holdersWanted() == 0) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Replication.Replicas replicas = new Replication.Replicas(
                    records.holders(),
                    records.inFlight(COPY_PATIENCE_SECONDS),
                    records.backingOff(FAILURE_BACKOFF_SECONDS));
            List<PublicEvent> events = new ArrayList<>();
            for (Replication.CopyWanted wanted : replication.copiesWanted(catalog.all(), replicas)) {
                Image image = wanted.image();
                ReplicaRecords.Copy copy = new ReplicaRecords.Copy(
                        image.fingerprint(), wanted.member(), UUID.randomUUID().toString());
                records.asked(copy);
                events.add(new CopyImage(
                        copy.member(), copy.commandId(), image.fingerprint(), exportUrlOf(image), image.split()));
                events.add(new ImageReplicaRequested(
                        image.fingerprint(),
                        copy.member(),
                        copy.commandId(),
                        wanted.reason().label()));
                log.info(
                        "Asking {} for a copy of image {} ({})",
                        copy.member(),
                        image.fingerprint(),
                        wanted.reason().label());
            }
            outbox.publishAll(events);
        });
    }

    private String exportUrlOf(Image image) {
        return exportBase + "/1.0/images/" + image.fingerprint() + "/export";
    }

    /**
     * An agent answered an image-copy command: one of ours, or one the scheduler sent so that a member could create
     * an instance from the image (a verified copy all the same).
     */
    public void copyAnswered(CommandResult result) {
        transactions.executeWithoutResult(status -> {
            ReplicaRecords.Copy copy = records.copy(result.commandId())
                    .orElseGet(() -> new ReplicaRecords.Copy(result.subject(), result.member(), result.commandId()));
            if (catalog.byFingerprint(copy.fingerprint()).isEmpty()) {
                return; // deleted meanwhile, or never ours
            }
            if (result.done()) {
                if (records.stored(copy)) {
                    outbox.publish(new ImageReplicaStored(copy.fingerprint(), copy.member()));
                }
            } else {
                log.warn("Copy of image {} to {} failed: {}", copy.fingerprint(), copy.member(), result.message());
                records.failed(copy);
                outbox.publish(new ImageReplicaFailed(
                        copy.fingerprint(),
                        copy.member(),
                        copy.commandId(),
                        result.message() == null ? "" : result.message()));
            }
        });
    }

    /**
     * Asks every usable holder to check its copy against the fingerprint again (disks rot, people edit files); a copy
     * found missing or corrupt no longer counts, and is replaced.
     */
    @Scheduled(
            fixedDelayString = "${muster.images.verify-interval:10m}",
            initialDelayString = "${muster.images.verify-interval:10m}")
    public void verify() {
        if (!members.isComplete()) {
            return;
        }
        Replication replication = members.replication();
        transactions.executeWithoutResult(status ->
                outbox.publishAll(replication.checksWanted(records.holders()).stream()
                        .<PublicEvent>map(check -> new VerifyImage(
                                check.member(), UUID.randomUUID().toString(), check.fingerprint()))
                        .toList()));
    }

    /** An agent answered an image-verify command: a failure means its copy is gone or corrupt. */
    public void verifyAnswered(CommandResult result) {
        if (result.done()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (records.lost(result.subject(), result.member())) {
                log.warn(
                        "The copy of image {} on {} failed its check: {}",
                        result.subject(),
                        result.member(),
                        result.message());
                outbox.publish(new ImageReplicaLost(result.subject(), result.member()));
            }
        });
    }

    /**
     * A member left: its copies are lost. While the members are still being read at start-up, a removal is applied
     * only once the whole picture is known, and only if the name did not join again later.
     */
    public synchronized void memberRemoved(String member) {
        if (!members.isComplete()) {
            removedDuringCatchUp.add(member);
            return;
        }
        transactions.executeWithoutResult(status -> records.memberRemoved(member)
                .forEach(fingerprint -> outbox.publish(new ImageReplicaLost(fingerprint, member))));
    }

    /** The members are known: the removals read on the way are applied, for names that are not back. */
    public synchronized void caughtUp() {
        removedDuringCatchUp.stream()
                .filter(name -> members.get(name) == null)
                .distinct()
                .forEach(this::memberRemoved);
        removedDuringCatchUp.clear();
    }
}
