package dev.muster.images.replication;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which members get a new copy: usable members that neither hold nor are fetching it, preferring failure domains
 * that have no copy yet, then members holding fewer images, then names (stable).
 */
public final class ReplicaChoice {

    private ReplicaChoice() {}

    public static List<String> choose(
            int wanted,
            List<ClusterMembers.MemberInfo> members,
            Set<String> holders,
            Set<String> excluded,
            Map<String, Integer> imagesHeld) {
        if (wanted <= 0) {
            return List.of();
        }
        Set<String> coveredDomains = new HashSet<>();
        members.stream().filter(m -> holders.contains(m.name())).forEach(m -> coveredDomains.add(m.failureDomain()));
        List<ClusterMembers.MemberInfo> candidates = members.stream()
                .filter(ClusterMembers.MemberInfo::usable)
                .filter(m -> !holders.contains(m.name()) && !excluded.contains(m.name()))
                .sorted(Comparator.comparing(ClusterMembers.MemberInfo::name))
                .toList();
        List<String> chosen = new ArrayList<>();
        Set<String> domains = new HashSet<>(coveredDomains);
        for (int i = 0; i < wanted; i++) {
            candidates.stream()
                    .filter(m -> !chosen.contains(m.name()))
                    .min(Comparator.<ClusterMembers.MemberInfo>comparingInt(
                                    m -> domains.contains(m.failureDomain()) ? 1 : 0)
                            .thenComparingInt(m -> imagesHeld.getOrDefault(m.name(), 0)))
                    .ifPresent(m -> {
                        chosen.add(m.name());
                        domains.add(m.failureDomain());
                    });
        }
        return chosen;
    }
}
