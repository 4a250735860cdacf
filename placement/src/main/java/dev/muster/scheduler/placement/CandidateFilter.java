package dev.muster.scheduler.placement;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * LXD's candidate filter ({@code GetCandidateMembers}): a member may take an automatic placement when it is online and
 * not evacuated, its {@code scheduler.instance} allows it ({@code manual}: never; {@code group}: only for the group
 * asked for), it is in the group asked for, and it runs the architecture (or a personality of it) the instance needs.
 */
public final class CandidateFilter {

    private CandidateFilter() {}

    public static List<MemberFacts> candidates(ClusterView view, PlacementRequest request) {
        String group = request.target() instanceof PlacementTarget.Group g ? g.name() : "";
        return view.members().stream()
                .filter(member -> eligible(member, group, request.architecture()))
                .filter(member -> !member.name().equals(request.excluded()))
                .sorted(Comparator.comparingLong(MemberFacts::order))
                .toList();
    }

    static boolean eligible(MemberFacts member, String group, String architecture) {
        if (!member.online() || member.evacuated()) {
            return false;
        }
        switch (member.schedulerInstance()) {
            case "manual" -> {
                return false;
            }
            case "group" -> {
                if (group.isEmpty() || !member.groups().contains(group)) {
                    return false;
                }
            }
            default -> {}
        }
        if (!group.isEmpty() && !member.groups().contains(group)) {
            return false;
        }
        return architecture == null || architecture.isEmpty() || runs(member.architecture(), architecture);
    }

    /** A member runs its own architecture and its personalities (x86_64 also runs i686, aarch64 also armv7l…). */
    static boolean runs(String memberArchitecture, String wanted) {
        if (wanted.equals(memberArchitecture)) {
            return true;
        }
        return switch (memberArchitecture == null ? "" : memberArchitecture) {
            case "x86_64" -> Set.of("i686").contains(wanted);
            case "aarch64" -> Set.of("armv7l", "armv8l").contains(wanted);
            case "ppc64le" -> Set.of("ppc64").contains(wanted);
            case "s390x" -> Set.of("s390").contains(wanted);
            default -> false;
        };
    }
}
