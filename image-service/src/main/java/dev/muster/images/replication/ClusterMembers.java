package dev.muster.images.replication;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members as replication weighs them, from membership's and the health monitor's events: failure domain, online,
 * evacuated; and {@code cluster.images_minimal_replica}.
 */
public final class ClusterMembers {

    /** A member as replication sees it. */
    public record MemberInfo(String name, String failureDomain, boolean online, boolean evacuated) {
        public boolean usable() {
            return online && !evacuated;
        }
    }

    private final Map<String, MemberInfo> members = new ConcurrentHashMap<>();
    private volatile int minimalReplica = 3;

    public void joined(String name, String failureDomain) {
        members.put(name, new MemberInfo(name, failureDomain == null ? "default" : failureDomain, true, false));
    }

    public void updated(String name, String failureDomain) {
        members.computeIfPresent(name, (key, m) -> new MemberInfo(name, failureDomain == null ? "default" : failureDomain, m.online(), m.evacuated()));
    }

    public void removed(String name) {
        members.remove(name);
    }

    public void renamed(String oldName, String newName) {
        MemberInfo member = members.remove(oldName);
        if (member != null) {
            members.put(newName, new MemberInfo(newName, member.failureDomain(), member.online(), member.evacuated()));
        }
    }

    public void online(String name, boolean online) {
        members.computeIfPresent(name, (key, m) -> new MemberInfo(name, m.failureDomain(), online, m.evacuated()));
    }

    public void evacuated(String name, boolean evacuated) {
        members.computeIfPresent(name, (key, m) -> new MemberInfo(name, m.failureDomain(), m.online(), evacuated));
    }

    /** {@code cluster.images_minimal_replica}: at least 1, or -1 for every member; LXD's default 3. */
    public void minimalReplica(String value) {
        try {
            minimalReplica = value == null || value.isBlank() ? 3 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            minimalReplica = 3;
        }
    }

    public List<MemberInfo> all() {
        return List.copyOf(members.values());
    }

    public MemberInfo get(String name) {
        return members.get(name);
    }

    /** How many usable members should hold each image. */
    public int target() {
        long usable = members.values().stream().filter(MemberInfo::usable).count();
        return (int) (minimalReplica < 0 ? usable : Math.min(minimalReplica, usable));
    }
}
