package dev.muster.images.replication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members as replication weighs them, from membership's and the health monitor's events: failure domain, online,
 * evacuated, about to be removed; and {@code cluster.images_minimal_replica}.
 *
 * <p>The two topics are read side by side with no order between them, so liveness is decided by the events' own
 * times: a join counts as "online at the join", and the newest of that and the health monitor's verdicts wins,
 * whichever arrived first. Until the feed says it has read what the topics held at start-up ({@link #complete()}),
 * the picture may be partial and replication waits.
 */
public final class ClusterMembers {

    /** How long a member whose removal was asked for is kept out of replication (it may stay, if the removal fails). */
    static final Duration LEAVING = Duration.ofMinutes(10);

    /** A member as replication sees it. */
    public record MemberInfo(String name, String failureDomain, boolean online, boolean evacuated, boolean leaving) {
        /** May receive a copy, and counts as a holder. */
        public boolean usable() {
            return online && !evacuated && !leaving;
        }
    }

    private record Joined(String failureDomain, boolean evacuated) {}

    private record Liveness(boolean online, Instant at) {
        Liveness newer(Liveness other) {
            return other.at.isAfter(at) ? other : this;
        }
    }

    private final Clock clock;
    private final Map<String, Joined> joined = new ConcurrentHashMap<>();
    private final Map<String, Liveness> liveness = new ConcurrentHashMap<>();
    private final Map<String, Instant> leavingSince = new ConcurrentHashMap<>();
    private volatile int minimalReplica = Replication.DEFAULT_MINIMAL_REPLICA;
    private volatile boolean complete;

    public ClusterMembers(Clock clock) {
        this.clock = clock;
    }

    public void joined(String name, String failureDomain, Instant at) {
        joined.put(name, new Joined(domain(failureDomain), false));
        liveness.merge(name, new Liveness(true, at), Liveness::newer);
    }

    public void updated(String name, String failureDomain) {
        joined.computeIfPresent(name, (key, m) -> new Joined(domain(failureDomain), m.evacuated()));
    }

    public void removed(String name) {
        joined.remove(name);
        leavingSince.remove(name);
    }

    public void renamed(String oldName, String newName) {
        Joined member = joined.remove(oldName);
        if (member != null) {
            joined.put(newName, member);
        }
        Liveness known = liveness.remove(oldName);
        if (known != null) {
            liveness.merge(newName, known, Liveness::newer);
        }
    }

    /** The health monitor's verdict at {@code at}: older verdicts than what is known change nothing. */
    public void online(String name, boolean online, Instant at) {
        liveness.merge(name, new Liveness(online, at), Liveness::newer);
    }

    public void evacuated(String name, boolean evacuated) {
        joined.computeIfPresent(name, (key, m) -> new Joined(m.failureDomain(), evacuated));
    }

    /** Removal of the member was asked for at {@code at}: its copies stop counting, and it gets no new ones, for a while. */
    public void leaving(String name, Instant at) {
        leavingSince.merge(name, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** {@code cluster.images_minimal_replica}: at least 1, or -1 for every member; LXD's default 3. */
    public void minimalReplica(String value) {
        minimalReplica = Replication.minimalReplica(value);
    }

    /** The feed has read everything the topics held when the service started: the picture is whole. */
    public void complete() {
        complete = true;
    }

    public boolean isComplete() {
        return complete;
    }

    public List<MemberInfo> all() {
        return joined.keySet().stream().map(this::get).filter(Objects::nonNull).toList();
    }

    /** The member, or null if it is not (or no longer) in the cluster. */
    public MemberInfo get(String name) {
        Joined member = joined.get(name);
        if (member == null) {
            return null;
        }
        Liveness known = liveness.get(name);
        Instant leftAt = leavingSince.get(name);
        boolean leaving = leftAt != null && leftAt.plus(LEAVING).isAfter(clock.instant());
        return new MemberInfo(
                name, member.failureDomain(), known == null || known.online(), member.evacuated(), leaving);
    }

    public boolean usable(String name) {
        MemberInfo member = get(name);
        return member != null && member.usable();
    }

    /** Replication's rules over the members as they are now. */
    public Replication replication() {
        return new Replication(all(), minimalReplica);
    }

    /** How many usable members should hold each image ({@code -1}: every usable member). */
    public int target() {
        return replication().holdersWanted();
    }

    private static String domain(String failureDomain) {
        return failureDomain == null ? "default" : failureDomain;
    }
}
