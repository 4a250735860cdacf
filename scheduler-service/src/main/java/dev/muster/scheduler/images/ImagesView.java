package dev.muster.scheduler.images;

import dev.muster.scheduler.placement.ViewChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The images of the cluster as the scheduler needs them: each image's architecture, its alias names and the members
 * holding a verified copy, kept from the image service's events ({@code muster.images.v1}). Plain Java; safe to read
 * from request threads and the decision loop while the feed writes, which it signals through {@link #changes()}.
 */
public final class ImagesView {

    /** One image: its SHA-256 {@code fingerprint}, the {@code architecture} its metadata names, its aliases and holders. */
    public record Image(String fingerprint, String architecture, Set<String> aliases, Set<String> holders) {

        public Image {
            aliases = Set.copyOf(aliases);
            holders = Set.copyOf(holders);
        }

        Image withAliases(Collection<String> names) {
            return new Image(fingerprint, architecture, Set.copyOf(names), holders);
        }

        Image withHolders(Set<String> members) {
            return new Image(fingerprint, architecture, aliases, members);
        }
    }

    /** What a fingerprint or a prefix of one matches. */
    public sealed interface Match {
        record Found(Image image) implements Match {}

        record NotFound() implements Match {}

        /** A prefix shared by more than one image. */
        record Ambiguous() implements Match {}
    }

    /** How long a copy asked of a member may take to be announced before it is asked for again. */
    public static final Duration COPY_PATIENCE = Duration.ofMinutes(2);

    private final NavigableMap<String, Image> images = new TreeMap<>();
    /** Alias name → fingerprint. An alias moved to another image may be announced there before it leaves the first. */
    private final Map<String, String> aliases = new HashMap<>();
    /** Copies asked of members and not announced yet, by fingerprint and member: when they were asked. */
    private final Map<List<String>, Instant> copiesAsked = new HashMap<>();

    private final ViewChanges changes = new ViewChanges();

    /** Signalled after each change to the images, their aliases or holders. */
    public ViewChanges changes() {
        return changes;
    }

    public synchronized void created(String fingerprint, String architecture) {
        images.putIfAbsent(fingerprint, new Image(fingerprint, architecture, Set.of(), Set.of()));
        changes.changed();
    }

    /** The image's aliases are now exactly {@code names} (an update carries the whole list). */
    public synchronized void aliasesAre(String fingerprint, Collection<String> names) {
        Image image = images.get(fingerprint);
        if (image == null) {
            return;
        }
        image.aliases().stream()
                .filter(name -> !names.contains(name))
                .forEach(name -> aliases.remove(name, fingerprint));
        names.forEach(name -> aliases.put(name, fingerprint));
        images.put(fingerprint, image.withAliases(names));
        changes.changed();
    }

    public synchronized void deleted(String fingerprint) {
        copiesAsked.keySet().removeIf(copy -> copy.getFirst().equals(fingerprint));
        Image image = images.remove(fingerprint);
        if (image != null) {
            image.aliases().forEach(name -> aliases.remove(name, fingerprint));
            changes.changed();
        }
    }

    public synchronized void replicaStored(String fingerprint, String member) {
        holderIs(fingerprint, member, true);
    }

    public synchronized void replicaLost(String fingerprint, String member) {
        holderIs(fingerprint, member, false);
    }

    /** Whether {@code member} holds the image is now known, so no copy asked of it is awaited any more. */
    private void holderIs(String fingerprint, String member, boolean holding) {
        copiesAsked.remove(List.of(fingerprint, member));
        Image image = images.get(fingerprint);
        if (image != null && image.holders().contains(member) != holding) {
            Set<String> holders = new HashSet<>(image.holders());
            if (holding) {
                holders.add(member);
            } else {
                holders.remove(member);
            }
            images.put(fingerprint, image.withHolders(holders));
            changes.changed();
        }
    }

    /** The image an alias names, by its exact name. */
    public synchronized Optional<Image> withAlias(String name) {
        String fingerprint = aliases.get(name);
        return fingerprint == null ? Optional.empty() : Optional.ofNullable(images.get(fingerprint));
    }

    /** The image whose fingerprint is, or starts with, {@code prefix} (case-sensitive, as the image service matches). */
    public synchronized Match withFingerprint(String prefix) {
        if (prefix.isEmpty()) {
            return new Match.NotFound();
        }
        Map<String, Image> matching = images.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
        return switch (matching.size()) {
            case 0 -> new Match.NotFound();
            case 1 -> new Match.Found(matching.values().iterator().next());
            default -> new Match.Ambiguous();
        };
    }

    /** Whether {@code member} holds a verified copy of the image, as far as the image service has said. */
    public synchronized boolean holds(String fingerprint, String member) {
        Image image = images.get(fingerprint);
        return image != null && image.holders().contains(member);
    }

    /**
     * Whether {@code member} is to be asked for a copy of the image: it holds none, and none was asked of it in the
     * last {@link #COPY_PATIENCE}, so that a burst of creations on one member asks once. Counts as asked from now.
     */
    public synchronized boolean askCopy(String fingerprint, String member, Instant now) {
        if (holds(fingerprint, member)) {
            return false;
        }
        Instant asked = copiesAsked.get(List.of(fingerprint, member));
        if (asked != null && asked.plus(COPY_PATIENCE).isAfter(now)) {
            return false;
        }
        copiesAsked.put(List.of(fingerprint, member), now);
        return true;
    }

    /** A copy asked of {@code member} failed: the next creation there asks again. */
    public synchronized void copyFailed(String fingerprint, String member) {
        copiesAsked.remove(List.of(fingerprint, member));
    }

    /** The copies asked were not sent after all (their transaction rolled back): ask again next time. */
    public synchronized void forgetAskedCopies() {
        copiesAsked.clear();
    }
}
