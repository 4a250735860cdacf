package dev.muster.membership.cluster;

import dev.muster.membership.roles.RaftRole;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster member as the aggregate knows it. {@code id} is its join order and never changes; status is
 * derived from {@code online}, {@code lastHeartbeat} and {@code evacuated}. {@code raftRole} is null only between
 * joining and the role assignment that follows in the same decision.
 */
public record Member(
        long id,
        String name,
        String address,
        String architecture,
        String description,
        String failureDomain,
        Map<String, String> config,
        List<String> groups,
        List<String> userRoles,
        RaftRole raftRole,
        boolean online,
        Instant lastHeartbeat,
        boolean evacuated) {

    public Member {
        config = Collections.unmodifiableMap(new TreeMap<>(config)); // stable order, whatever the JVM
        groups = List.copyOf(groups);
        userRoles = List.copyOf(userRoles);
    }

    Member renamed(String newName) {
        return new Member(
                id,
                newName,
                address,
                architecture,
                description,
                failureDomain,
                config,
                groups,
                userRoles,
                raftRole,
                online,
                lastHeartbeat,
                evacuated);
    }

    Member updated(
            String newDescription,
            String newFailureDomain,
            Map<String, String> newConfig,
            List<String> newGroups,
            List<String> newUserRoles) {
        return new Member(
                id,
                name,
                address,
                architecture,
                newDescription,
                newFailureDomain,
                newConfig,
                newGroups,
                newUserRoles,
                raftRole,
                online,
                lastHeartbeat,
                evacuated);
    }

    Member withGroups(List<String> newGroups) {
        return updated(description, failureDomain, config, newGroups, userRoles);
    }

    Member withRole(RaftRole role) {
        return new Member(
                id,
                name,
                address,
                architecture,
                description,
                failureDomain,
                config,
                groups,
                userRoles,
                role,
                online,
                lastHeartbeat,
                evacuated);
    }

    Member withOnline(boolean isOnline, Instant heartbeat) {
        return new Member(
                id,
                name,
                address,
                architecture,
                description,
                failureDomain,
                config,
                groups,
                userRoles,
                raftRole,
                isOnline,
                heartbeat,
                evacuated);
    }

    Member withEvacuated(boolean isEvacuated) {
        return new Member(
                id,
                name,
                address,
                architecture,
                description,
                failureDomain,
                config,
                groups,
                userRoles,
                raftRole,
                online,
                lastHeartbeat,
                isEvacuated);
    }

    /** {@code scheduler.instance}: all (default), manual or group. */
    public String schedulerInstance() {
        return config.getOrDefault("scheduler.instance", "all");
    }
}
