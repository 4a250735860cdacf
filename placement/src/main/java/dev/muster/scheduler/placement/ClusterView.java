package dev.muster.scheduler.placement;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler's picture of the cluster, in memory: the members with what placement weighs about them, the groups,
 * and how many instances each member holds (placements in flight included). Kept from membership's and the health
 * monitor's events; safe to read from the decision loop while those events update it. Each change to what placement
 * filters on is signalled through {@link #changes()} to the threads waiting for something to arrive.
 *
 * <p>Membership and health come from two topics, read in no order relative to each other: a replay may read a
 * member's last health verdict before its join. The view keeps each name's latest verdict with its time, applies it
 * to the member whenever both are known and the verdict is newer than the join, and so ends in the same picture
 * whatever the order it read them in.
 */
public final class ClusterView {

    /** The health monitor's last word on a name: online or not, as of {@code at}. */
    private record Verdict(boolean online, Instant at) {}

    private final Map<String, MemberFacts> members = new ConcurrentHashMap<>();
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> instances = new ConcurrentHashMap<>();
    private final Map<String, Instant> joinedAt = new ConcurrentHashMap<>();
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final AtomicLong joins = new AtomicLong();
    private final AtomicLong version = new AtomicLong();
    private final ViewChanges changes = new ViewChanges();

    /** Changes whenever something placement filters on changes (not with instance counts). */
    public long version() {
        return version.get();
    }

    /** Signalled after each change to the members or groups (not to instance counts). */
    public ViewChanges changes() {
        return changes;
    }

    /** The live counter of a member's instances (the same object for as long as the view lives). */
    AtomicLong counter(String member) {
        return instances.computeIfAbsent(member, key -> new AtomicLong());
    }

    public Collection<MemberFacts> members() {
        return members.values();
    }

    public Optional<MemberFacts> member(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public boolean hasGroup(String name) {
        return groups.contains(name);
    }

    public long instanceCount(String member) {
        AtomicLong count = instances.get(member);
        return count == null ? 0 : count.get();
    }

    // ---- membership ----

    /** A member joined: online until the health monitor says otherwise, in the groups it joined with. */
    public void memberJoined(String name, String architecture, Collection<String> memberGroups) {
        memberJoined(name, architecture, memberGroups, null);
    }

    /**
     * A member joined at {@code at}: online unless the health monitor's latest verdict on its name, given after that
     * time, says otherwise (a verdict read before the join it follows).
     */
    public void memberJoined(String name, String architecture, Collection<String> memberGroups, Instant at) {
        version.incrementAndGet();
        boolean online = true;
        if (at != null) {
            joinedAt.put(name, at);
            Verdict verdict = verdicts.get(name);
            if (verdict != null && verdict.at().isAfter(at)) {
                online = verdict.online();
            }
        }
        members.put(
                name,
                new MemberFacts(
                        name, joins.incrementAndGet(), architecture, Set.copyOf(memberGroups), "all", online, false));
        groups.addAll(memberGroups);
        changes.changed();
    }

    public void memberUpdated(String name, Map<String, String> config, Collection<String> memberGroups) {
        version.incrementAndGet();
        members.computeIfPresent(
                name,
                (key, facts) -> facts.withSchedulerInstance(
                                config == null ? "all" : config.getOrDefault("scheduler.instance", "all"))
                        .withGroups(Set.copyOf(memberGroups)));
        groups.addAll(memberGroups);
        changes.changed();
    }

    public void memberRemoved(String name) {
        version.incrementAndGet();
        members.remove(name);
        joinedAt.remove(name);
        changes.changed();
    }

    public void memberRenamed(String oldName, String newName) {
        version.incrementAndGet();
        MemberFacts facts = members.remove(oldName);
        if (facts != null) {
            members.put(newName, facts.renamed(newName));
        }
        Instant joined = joinedAt.remove(oldName);
        if (joined != null) {
            joinedAt.put(newName, joined);
        }
        AtomicLong count = instances.remove(oldName);
        if (count != null) {
            counter(newName).addAndGet(count.get());
        }
        changes.changed();
    }

    public void memberEvacuated(String name, boolean evacuated) {
        version.incrementAndGet();
        members.computeIfPresent(name, (key, facts) -> facts.withEvacuated(evacuated));
        changes.changed();
    }

    public void memberOnline(String name, boolean online) {
        version.incrementAndGet();
        members.computeIfPresent(name, (key, facts) -> facts.withOnline(online));
        changes.changed();
    }

    /**
     * The health monitor's verdict on {@code name} as of {@code at}: kept if it is the latest on that name, and
     * applied to the member if it is known and joined before it.
     */
    public void memberOnline(String name, boolean online, Instant at) {
        Verdict latest = verdicts.merge(
                name, new Verdict(online, at), (held, given) -> given.at().isBefore(held.at()) ? held : given);
        if (!latest.at().equals(at) || latest.online() != online) {
            return; // an older verdict, read late
        }
        Instant joined = joinedAt.get(name);
        if (joined != null && joined.isAfter(at)) {
            return; // about an earlier life of the name
        }
        memberOnline(name, online);
    }

    /** A group now has exactly {@code groupMembers}. */
    public void groupChanged(String group, Collection<String> groupMembers) {
        version.incrementAndGet();
        groups.add(group);
        Set<String> holding = new HashSet<>(groupMembers);
        members.replaceAll((name, facts) -> {
            Set<String> memberGroups = new HashSet<>(facts.groups());
            boolean changed = holding.contains(name) ? memberGroups.add(group) : memberGroups.remove(group);
            return changed ? facts.withGroups(memberGroups) : facts;
        });
        changes.changed();
    }

    public void groupRenamed(String oldName, String newName) {
        version.incrementAndGet();
        groups.remove(oldName);
        groups.add(newName);
        members.replaceAll((name, facts) -> {
            if (!facts.groups().contains(oldName)) {
                return facts;
            }
            Set<String> memberGroups = new HashSet<>(facts.groups());
            memberGroups.remove(oldName);
            memberGroups.add(newName);
            return facts.withGroups(memberGroups);
        });
        changes.changed();
    }

    public void groupDeleted(String group) {
        version.incrementAndGet();
        groups.remove(group);
        changes.changed();
    }

    // ---- instances ----

    public void instanceAdded(String member) {
        counter(member).incrementAndGet();
    }

    public void instanceRemoved(String member) {
        AtomicLong count = instances.get(member);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    /** Replaces every count, e.g. with the database's after a restart. */
    public void countsAre(Map<String, Long> counts) {
        instances.forEach((member, count) -> count.set(counts.getOrDefault(member, 0L)));
        counts.forEach((member, count) -> counter(member).set(count));
    }
}
