package dev.muster.membership.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A cluster-wide storage pool or network definition: configuration only (Muster manages no real storage or
 * network). Some keys are member-specific: each member has its own value, set with {@code ?target=} and answered
 * by every joining member.
 *
 * @param kind {@value #STORAGE_POOL} or {@value #NETWORK}
 * @param created false while only member-specific values were given ({@code Pending}, as LXD shows it)
 * @param perMember member-specific values by member name
 */
public record ClusterEntity(
        String kind,
        String name,
        String driver,
        String description,
        Map<String, String> config,
        boolean created,
        Map<String, Map<String, String>> perMember) {

    public static final String STORAGE_POOL = "storage-pool";
    public static final String NETWORK = "network";

    private static final Map<String, Set<String>> MEMBER_SPECIFIC_KEYS = Map.of(
            STORAGE_POOL, Set.of("source", "size", "zfs.pool_name", "lvm.vg_name", "lvm.thinpool_name"),
            NETWORK, Set.of("parent", "bridge.external_interfaces", "bgp.ipv4.nexthop", "bgp.ipv6.nexthop"));

    public ClusterEntity {
        config = Collections.unmodifiableMap(new TreeMap<>(config)); // stable order, whatever the JVM
        perMember = Collections.unmodifiableMap(new TreeMap<>(perMember));
    }

    public static boolean isMemberSpecific(String kind, String key) {
        return MEMBER_SPECIFIC_KEYS.getOrDefault(kind, Set.of()).contains(key);
    }

    /** The member-specific keys every member must have a value for: those any member has one for. */
    public Set<String> requiredKeys() {
        Set<String> keys = new TreeSet<>();
        perMember.values().forEach(values -> keys.addAll(values.keySet()));
        return keys;
    }

    /** The configuration as seen from one member: the global keys plus that member's own values. */
    public Map<String, String> configFor(String member) {
        Map<String, String> merged = new LinkedHashMap<>(config);
        merged.putAll(perMember.getOrDefault(member, Map.of()));
        return merged;
    }

    public List<String> locations() {
        return List.copyOf(new TreeSet<>(perMember.keySet()));
    }

    ClusterEntity withMemberConfig(String member, Map<String, String> values, String newDriver) {
        Map<String, Map<String, String>> next = new LinkedHashMap<>(perMember);
        Map<String, String> merged = new LinkedHashMap<>(perMember.getOrDefault(member, Map.of()));
        merged.putAll(values);
        next.put(member, merged);
        return new ClusterEntity(kind, name, driver.isEmpty() ? newDriver : driver, description, config, created, next);
    }

    ClusterEntity defined(String newDriver, String newDescription, Map<String, String> newConfig) {
        return new ClusterEntity(kind, name, newDriver, newDescription, newConfig, true, perMember);
    }

    ClusterEntity memberRenamed(String from, String to) {
        if (!perMember.containsKey(from)) {
            return this;
        }
        Map<String, Map<String, String>> next = new LinkedHashMap<>();
        perMember.forEach((member, values) -> next.put(member.equals(from) ? to : member, values));
        return new ClusterEntity(kind, name, driver, description, config, created, next);
    }

    ClusterEntity memberRemoved(String member) {
        Map<String, Map<String, String>> next = new LinkedHashMap<>(perMember);
        next.remove(member);
        return new ClusterEntity(kind, name, driver, description, config, created, next);
    }

    /** Where the entity sits in the state's map: {@code storage-pool/local}. */
    static String id(String kind, String name) {
        return kind + "/" + name;
    }
}
