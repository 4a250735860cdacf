package dev.muster.images.replication;

import dev.muster.images.catalog.Image;
import dev.muster.images.replication.ClusterMembers.MemberInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replication's rules: how many usable members should hold each image ({@code cluster.images_minimal_replica}, −1:
 * all), which members are asked for a copy, whose copies are checked, who is told to delete an image. Free of
 * framework code: give it the members as they are now and the replicas as recorded, get the copies and checks to
 * ask for.
 */
public final class Replication {

    /** LXD's default {@code cluster.images_minimal_replica}. */
    public static final int DEFAULT_MINIMAL_REPLICA = 3;

    /** Why a copy is asked for, as {@code muster.image.replica-requested} says it. */
    public enum Reason {
        /** The image has fewer usable holders than wanted. */
        REPLICATION,
        /** The same, while a holder is about to be removed from the cluster. */
        REMOVAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The replicas as recorded, per image fingerprint: the members holding a verified copy, those asked for one and
     * not yet answered, and those whose copy failed recently (not asked again before their back-off ends).
     */
    public record Replicas(
            Map<String, Set<String>> holders, Map<String, Set<String>> fetching, Map<String, Set<String>> backingOff) {}

    /** A member to ask for a copy of an image. */
    public record CopyWanted(Image image, String member, Reason reason) {}

    /** A holder to ask to check its copy of an image against the fingerprint. */
    public record CheckWanted(String fingerprint, String member) {}

    private final List<MemberInfo> members;
    private final Map<String, MemberInfo> byName;
    private final int minimalReplica;

    /** The members as they are now, and {@code cluster.images_minimal_replica}. */
    public Replication(List<MemberInfo> members, int minimalReplica) {
        this.members = List.copyOf(members);
        this.byName =
                this.members.stream().collect(Collectors.toMap(MemberInfo::name, Function.identity(), (a, b) -> b));
        this.minimalReplica = minimalReplica;
    }

    /** {@code cluster.images_minimal_replica} as configured: a number, else (unset, blank, garbage) LXD's default. */
    public static int minimalReplica(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_MINIMAL_REPLICA;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_MINIMAL_REPLICA;
        }
    }

    /** How many usable members should hold each image: the minimal replica, capped by them; a negative one, all. */
    public int holdersWanted() {
        long usable = members.stream().filter(MemberInfo::usable).count();
        return (int) (minimalReplica < 0 ? usable : Math.min(minimalReplica, usable));
    }

    /**
     * The copies to ask for, image after image: as many as the image lacks, counting usable holders and usable members
     * already fetching it (offline or evacuated holders do not count, their copies stay); never of a member holding
     * or fetching it, nor of one whose copy just failed. The members are chosen by {@link ReplicaChoice}, each new
     * copy counting for the next image's choice.
     */
    public List<CopyWanted> copiesWanted(List<Image> images, Replicas replicas) {
        int target = holdersWanted();
        Map<String, Integer> imagesHeld = new HashMap<>();
        replicas.holders()
                .values()
                .forEach(holding -> holding.forEach(member -> imagesHeld.merge(member, 1, Integer::sum)));
        List<CopyWanted> wanted = new ArrayList<>();
        for (Image image : images) {
            Set<String> holding = replicas.holders().getOrDefault(image.fingerprint(), Set.of());
            Set<String> fetching = replicas.fetching().getOrDefault(image.fingerprint(), Set.of());
            long usableHolders = holding.stream().filter(this::usable).count();
            long inFlight = fetching.stream().filter(this::usable).count();
            int missing = (int) (target - usableHolders - inFlight);
            // a member whose copy just failed is not asked again before its back-off ends; another one is, at once
            Set<String> excluded = new HashSet<>(fetching);
            excluded.addAll(replicas.backingOff().getOrDefault(image.fingerprint(), Set.of()));
            Reason reason = holding.stream().anyMatch(this::leaving) ? Reason.REMOVAL : Reason.REPLICATION;
            for (String member : ReplicaChoice.choose(missing, members, holding, excluded, imagesHeld)) {
                imagesHeld.merge(member, 1, Integer::sum);
                wanted.add(new CopyWanted(image, member, reason));
            }
        }
        return wanted;
    }

    /** Every usable holder checks its copies (disks rot, people edit files); the others are asked once usable again. */
    public List<CheckWanted> checksWanted(Map<String, Set<String>> holders) {
        List<CheckWanted> checks = new ArrayList<>();
        holders.forEach((fingerprint, holding) -> holding.stream()
                .filter(this::usable)
                .sorted()
                .forEach(member -> checks.add(new CheckWanted(fingerprint, member))));
        return checks;
    }

    /** A deleted image's copies go from every holder, usable or not: an offline one deletes it when it is back. */
    public static List<String> copiesToDelete(Collection<String> holders) {
        return holders.stream().distinct().sorted().toList();
    }

    public boolean usable(String name) {
        MemberInfo member = byName.get(name);
        return member != null && member.usable();
    }

    public boolean leaving(String name) {
        MemberInfo member = byName.get(name);
        return member != null && member.leaving();
    }
}
