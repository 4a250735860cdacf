package dev.muster.membership.cluster;

import dev.muster.membership.cluster.ClusterEvent.ClusterBootstrapped;
import dev.muster.membership.cluster.ClusterEvent.ClusterDisabled;
import dev.muster.membership.cluster.ClusterEvent.GroupCreated;
import dev.muster.membership.cluster.ClusterEvent.GroupDeleted;
import dev.muster.membership.cluster.ClusterEvent.GroupRenamed;
import dev.muster.membership.cluster.ClusterEvent.GroupUpdated;
import dev.muster.membership.cluster.ClusterEvent.JoinTokenIssued;
import dev.muster.membership.cluster.ClusterEvent.JoinTokenRetired;
import dev.muster.membership.cluster.ClusterEvent.MemberCameOnline;
import dev.muster.membership.cluster.ClusterEvent.MemberEvacuated;
import dev.muster.membership.cluster.ClusterEvent.MemberJoined;
import dev.muster.membership.cluster.ClusterEvent.MemberRemoved;
import dev.muster.membership.cluster.ClusterEvent.MemberRenamed;
import dev.muster.membership.cluster.ClusterEvent.MemberRestored;
import dev.muster.membership.cluster.ClusterEvent.MemberUpdated;
import dev.muster.membership.cluster.ClusterEvent.MemberWentOffline;
import dev.muster.membership.cluster.ClusterEvent.ServerConfigChanged;
import dev.muster.membership.config.ServerConfig;
import dev.muster.membership.roles.RaftRole;
import dev.muster.membership.tokens.JoinToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cluster aggregate: decides whether a command is allowed by LXD's rules and which events it causes.
 * Free of framework code: give it the current state and a command, get events or a {@link ClusterRejection}.
 * Every decision that changes who is online, evacuated or present also re-computes the database roles.
 */
public final class Cluster {

    public static final Set<String> USER_ROLES = Set.of("event-hub", "ovn-chassis");
    public static final Set<String> AUTOMATIC_ROLES = Set.of("database", "database-leader", "database-standby");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Set<String> EVACUATION_MODES = Set.of("", "stop", "migrate", "live-migrate");
    private static final Set<String> RESTORE_MODES = Set.of("", "skip");
    private static final Set<String> SCHEDULER_INSTANCE = Set.of("", "all", "manual", "group");

    private final ClusterState state;

    public Cluster(ClusterState state) {
        this.state = state;
    }

    public ClusterState state() {
        return state;
    }

    // ---- bootstrap, tokens, join, disable ----

    public List<ClusterEvent> bootstrap(
            String serverName, String address, String architecture, String fingerprint, Instant now) {
        if (state.enabled()) {
            throw ClusterRejection.invalid("This server is already clustered");
        }
        if (serverName == null || serverName.isBlank()) {
            throw ClusterRejection.invalid("ServerName is required when enabling clustering");
        }
        requireMemberName(serverName);
        return withRoles(List.of(
                new ClusterBootstrapped(serverName, address, architecture, fingerprint, now),
                new MemberJoined(1, serverName, address, architecture, "default", now),
                // what `lxd init` creates with its defaults: a "dir" pool with no member-specific keys to answer
                new ClusterEvent.EntityDefined(ClusterEntity.STORAGE_POOL, "default", "dir", "", Map.of())));
    }

    public List<ClusterEvent> issueToken(
            String serverName, String operationId, String secretDigest, Instant expiresAt) {
        requireClustered();
        requireQuorum();
        requireMemberName(serverName);
        if (state.members().containsKey(serverName)) {
            throw ClusterRejection.conflict("The cluster already has a member with name: " + serverName);
        }
        if (joinAddresses().isEmpty()) {
            throw ClusterRejection.unavailable("There are no online cluster members");
        }
        List<ClusterEvent> events = new ArrayList<>();
        ClusterState.Token previous = state.tokens().get(serverName);
        if (previous != null) {
            events.add(new JoinTokenRetired(serverName, previous.operationId(), "replaced"));
        }
        events.add(new JoinTokenIssued(operationId, serverName, secretDigest, expiresAt));
        return events;
    }

    /** A token was revoked by cancelling its operation. */
    public List<ClusterEvent> revokeToken(String operationId) {
        return state.tokens().values().stream()
                .filter(t -> t.operationId().equals(operationId))
                .<ClusterEvent>map(t -> new JoinTokenRetired(t.serverName(), operationId, "revoked"))
                .toList();
    }

    /** Addresses a joining member may use: those of members that are online and not evacuated. */
    public List<String> joinAddresses() {
        return state.members().values().stream()
                .filter(m -> m.online() && !m.evacuated())
                .map(Member::address)
                .toList();
    }

    /** A joining member's answer for one member-specific key, as {@code member_config} of {@code PUT /1.0/cluster} carries it. */
    public record MemberConfigAnswer(String entity, String name, String key, String value) {}

    public List<ClusterEvent> join(
            JoinToken token, String serverName, String address, String architecture, Instant now) {
        return join(token, serverName, address, architecture, List.of(), now);
    }

    public List<ClusterEvent> join(
            JoinToken token,
            String serverName,
            String address,
            String architecture,
            List<MemberConfigAnswer> answers,
            Instant now) {
        requireClustered();
        requireQuorum();
        ClusterState.Token live = state.tokens().get(token.serverName());
        if (live == null
                || !JoinToken.matches(token.secret(), live.secretDigest())
                || !token.serverName().equals(serverName)) {
            throw ClusterRejection.forbidden("No matching cluster join operation found");
        }
        if (live.expiresAt() != null && now.isAfter(live.expiresAt())) {
            throw ClusterRejection.forbidden("Token has expired");
        }
        if (address == null || address.isBlank()) {
            throw ClusterRejection.invalid("No server address provided for this member");
        }
        if (state.members().containsKey(serverName)) {
            throw ClusterRejection.conflict("The cluster already has a member with name: " + serverName);
        }
        if (state.memberAt(address).isPresent()) {
            throw ClusterRejection.conflict("The cluster already has a member with address: " + address);
        }
        List<ClusterEvent> events = new ArrayList<>(List.of(
                new JoinTokenRetired(serverName, live.operationId(), "consumed"),
                new MemberJoined(state.lastMemberId() + 1, serverName, address, architecture, "default", now)));
        events.addAll(memberSpecificAnswers(serverName, answers));
        return withRoles(events);
    }

    /** What {@code GET /1.0/cluster} lists in {@code member_config}: every key a joining member must answer. */
    public List<MemberConfigAnswer> requiredMemberConfig(String answeringMember) {
        List<MemberConfigAnswer> required = new ArrayList<>();
        state.entities().values().stream()
                .sorted(Comparator.comparing(ClusterEntity::kind).thenComparing(ClusterEntity::name))
                .forEach(entity -> entity.requiredKeys()
                        .forEach(key -> required.add(new MemberConfigAnswer(
                                entity.kind(),
                                entity.name(),
                                key,
                                entity.perMember()
                                        .getOrDefault(answeringMember, Map.of())
                                        .getOrDefault(key, "")))));
        return required;
    }

    private List<ClusterEvent> memberSpecificAnswers(String member, List<MemberConfigAnswer> answers) {
        Map<String, Map<String, String>> byEntity = new LinkedHashMap<>();
        for (MemberConfigAnswer answer : answers == null ? List.<MemberConfigAnswer>of() : answers) {
            if (answer.entity() == null || answer.name() == null || answer.key() == null) {
                throw ClusterRejection.invalid("Each member_config entry needs entity, name and key");
            }
            if (state.findEntity(answer.entity(), answer.name()).isEmpty()) {
                throw ClusterRejection.invalid(
                        "Unknown " + answer.entity() + " \"" + answer.name() + "\" in member_config");
            }
            byEntity.computeIfAbsent(ClusterEntity.id(answer.entity(), answer.name()), k -> new LinkedHashMap<>())
                    .put(answer.key(), answer.value() == null ? "" : answer.value());
        }
        List<ClusterEvent> events = new ArrayList<>();
        for (ClusterEntity entity : state.entities().values()) {
            Map<String, String> given = byEntity.getOrDefault(ClusterEntity.id(entity.kind(), entity.name()), Map.of());
            for (String key : entity.requiredKeys()) {
                if (given.getOrDefault(key, "").isEmpty()) {
                    throw ClusterRejection.invalid("Missing member-specific configuration for " + entity.kind() + " \""
                            + entity.name() + "\": key \"" + key + "\" must be answered in member_config");
                }
            }
            if (!given.isEmpty()) {
                events.add(
                        new ClusterEvent.MemberConfigSet(entity.kind(), entity.name(), member, entity.driver(), given));
            }
        }
        return events;
    }

    // ---- storage pools and networks (configuration only) ----

    /** {@code POST /1.0/storage-pools} or {@code /1.0/networks} without a target: the cluster-wide definition. */
    public List<ClusterEvent> defineEntity(
            String kind, String name, String driver, String description, Map<String, String> config) {
        requireClustered();
        requireQuorum();
        requireGroupName(name);
        ClusterEntity existing = state.findEntity(kind, name).orElse(null);
        if (existing != null && existing.created()) {
            throw ClusterRejection.conflict("The " + label(kind) + " already exists");
        }
        for (String key : config.keySet()) {
            if (ClusterEntity.isMemberSpecific(kind, key)) {
                throw ClusterRejection.invalid("Config key \"" + key + "\" is cluster member specific");
            }
        }
        return List.of(new ClusterEvent.EntityDefined(
                kind, name, driver == null ? "" : driver, description == null ? "" : description, config));
    }

    /** The same with {@code ?target=<member>}: that member's values for the member-specific keys. */
    public List<ClusterEvent> setMemberConfig(
            String kind, String name, String member, String driver, Map<String, String> config) {
        requireClustered();
        requireQuorum();
        requireGroupName(name);
        existingMember(member);
        for (String key : config.keySet()) {
            if (!ClusterEntity.isMemberSpecific(kind, key)) {
                throw ClusterRejection.invalid("Config key \"" + key + "\" may not be used as member-specific key");
            }
        }
        return List.of(new ClusterEvent.MemberConfigSet(kind, name, member, driver == null ? "" : driver, config));
    }

    private static String label(String kind) {
        return kind.equals(ClusterEntity.STORAGE_POOL) ? "storage pool" : "network";
    }

    public List<ClusterEvent> disable() {
        if (!state.enabled()) {
            return List.of();
        }
        if (state.members().size() > 1) {
            throw ClusterRejection.invalid(
                    "Clustering cannot be disabled while the cluster has other members: remove them first");
        }
        return List.of(new ClusterDisabled(
                state.members().keySet().stream().findFirst().orElse("")));
    }

    // ---- members ----

    /** The writable part of a member, as {@code PUT}/{@code PATCH /1.0/cluster/members/{name}} send it. */
    public record MemberPut(
            String description,
            String failureDomain,
            List<String> roles,
            Map<String, String> config,
            List<String> groups) {}

    public List<ClusterEvent> updateMember(String name, MemberPut request, boolean merge) {
        requireQuorum();
        Member member = existingMember(name);
        // PATCH changes what the request names and keeps the rest, as LXD decodes it over the current values
        MemberPut put = merge
                ? new MemberPut(
                        request.description() == null ? member.description() : request.description(),
                        request.failureDomain() == null ? member.failureDomain() : request.failureDomain(),
                        request.roles(),
                        request.config(),
                        request.groups() == null ? member.groups() : request.groups())
                : request;
        List<String> userRoles = merge && put.roles() == null
                ? member.userRoles()
                : userRolesOf(member, put.roles() == null ? List.of() : put.roles());
        Map<String, String> config = new LinkedHashMap<>(merge ? member.config() : Map.of());
        validateMemberConfig(put.config() == null ? Map.of() : put.config());
        if (put.config() != null) {
            config.putAll(put.config());
        }
        config.values().removeIf(String::isEmpty);
        List<String> groups = put.groups() == null ? List.of() : List.copyOf(new LinkedHashSet<>(put.groups()));
        if (groups.isEmpty()) {
            throw ClusterRejection.invalid("Cluster members need to belong to at least one group");
        }
        for (String group : groups) {
            if (!state.groups().containsKey(group)) {
                throw ClusterRejection.invalid("Cluster group \"" + group + "\" does not exist");
            }
        }
        String failureDomain =
                put.failureDomain() == null || put.failureDomain().isBlank() ? "default" : put.failureDomain();
        List<ClusterEvent> events = List.of(new MemberUpdated(
                name, put.description() == null ? "" : put.description(), failureDomain, config, groups, userRoles));
        return failureDomain.equals(member.failureDomain()) ? events : withRoles(events);
    }

    public List<ClusterEvent> renameMember(String from, String to) {
        requireQuorum();
        existingMember(from);
        requireMemberName(to);
        if (state.members().containsKey(to)) {
            throw ClusterRejection.conflict("A cluster member already exists with name \"" + to + "\"");
        }
        return List.of(new MemberRenamed(from, to));
    }

    /** What a member still holds, from the other services' events: blocks removal unless forced. */
    public record Holdings(List<String> instances, List<String> soleImages) {
        public static Holdings none() {
            return new Holdings(List.of(), List.of());
        }
    }

    /**
     * Before a member that alone holds some images is removed, those images are asked for elsewhere (LXD syncs them
     * first, too); the removal itself is decided afterwards with what the member then still holds.
     */
    public List<ClusterEvent> requestRemoval(String name) {
        requireQuorum();
        existingMember(name);
        return List.of(new ClusterEvent.MemberRemovalRequested(name));
    }

    public List<ClusterEvent> removeMember(String name, boolean force, Holdings holdings) {
        requireQuorum();
        existingMember(name);
        if (state.members().size() == 1) {
            throw ClusterRejection.invalid("Member is the only member in the cluster");
        }
        if (!force && !holdings.instances().isEmpty()) {
            throw ClusterRejection.invalid(
                    "Node still has the following instances: " + String.join(", ", holdings.instances()));
        }
        if (!force && !holdings.soleImages().isEmpty()) {
            throw ClusterRejection.invalid(
                    "Node still has the following images: " + String.join(", ", holdings.soleImages()));
        }
        return withRoles(List.of(new MemberRemoved(name, force)));
    }

    // ---- health ----

    public List<ClusterEvent> memberWentOffline(String name, Instant lastHeartbeat) {
        Member member = state.members().get(name);
        if (member == null || !member.online()) {
            return List.of();
        }
        return withRoles(List.of(new MemberWentOffline(name, lastHeartbeat)));
    }

    public List<ClusterEvent> memberCameOnline(String name) {
        Member member = state.members().get(name);
        if (member == null || member.online()) {
            return List.of();
        }
        return withRoles(List.of(new MemberCameOnline(name)));
    }

    // ---- evacuation ----

    public List<ClusterEvent> evacuate(String name, String mode, boolean force, String operationId) {
        requireQuorum();
        Member member = existingMember(name);
        String requested = mode == null ? "" : mode;
        if (!EVACUATION_MODES.contains(requested)) {
            throw ClusterRejection.invalid("Invalid evacuation mode: \"" + requested + "\"");
        }
        if (member.evacuated()) {
            throw ClusterRejection.invalid("Cluster member is already evacuated");
        }
        if (!force && member.raftRole() == RaftRole.VOTER) {
            long voters = state.members().values().stream()
                    .filter(m -> m.raftRole() == RaftRole.VOTER)
                    .count();
            long remaining = state.members().values().stream()
                    .filter(m -> m.raftRole() == RaftRole.VOTER && m.online() && !m.evacuated())
                    .filter(m -> !m.name().equals(name))
                    .count();
            long replacements = state.members().values().stream()
                    .filter(m -> m.raftRole() != RaftRole.VOTER && m.online() && !m.evacuated())
                    .count();
            if (remaining + Math.min(1, replacements) <= voters / 2) {
                throw ClusterRejection.invalid("Insufficient online voters to maintain quorum");
            }
        }
        return withRoles(List.of(new MemberEvacuated(name, requested, operationId)));
    }

    /**
     * The scheduler healed a dead member (moved its instances away): it becomes {@code Evacuated} and stays so until
     * restored, as in LXD. No quorum is needed: a dead member is what healing is for.
     */
    public List<ClusterEvent> markHealed(String name) {
        Member member = state.member(name).orElse(null);
        if (member == null || member.evacuated()) {
            return List.of();
        }
        return withRoles(List.of(new MemberEvacuated(name, "heal", "")));
    }

    public List<ClusterEvent> restore(String name, String mode, String operationId) {
        requireQuorum();
        Member member = existingMember(name);
        String requested = mode == null ? "" : mode;
        if (!RESTORE_MODES.contains(requested)) {
            throw ClusterRejection.invalid("Invalid mode: \"" + requested + "\"");
        }
        if (!member.evacuated()) {
            throw ClusterRejection.invalid("Cluster member is already restored");
        }
        return withRoles(List.of(new MemberRestored(name, requested, operationId)));
    }

    // ---- groups ----

    public List<ClusterEvent> createGroup(String name, String description, List<String> members) {
        requireClustered();
        requireQuorum();
        requireGroupName(name);
        if (state.groups().containsKey(name)) {
            throw ClusterRejection.conflict("Cluster group \"" + name + "\" already exists");
        }
        List<String> wanted = requireMembersExist(members);
        List<ClusterEvent> events =
                new ArrayList<>(List.of(new GroupCreated(name, description == null ? "" : description)));
        if (!wanted.isEmpty()) {
            events.add(new GroupUpdated(name, description == null ? "" : description, wanted));
        }
        return events;
    }

    public List<ClusterEvent> updateGroup(String name, String description, List<String> members) {
        requireQuorum();
        existingGroup(name);
        List<String> wanted = requireMembersExist(members);
        for (String current : state.groupMembers(name)) {
            Member member = state.members().get(current);
            if (!wanted.contains(current) && member.groups().size() == 1) {
                throw ClusterRejection.invalid(
                        "Cannot remove \"" + current + "\" from group as member needs to belong to at least one group");
            }
        }
        return List.of(new GroupUpdated(name, description == null ? "" : description, wanted));
    }

    public List<ClusterEvent> renameGroup(String from, String to) {
        requireQuorum();
        existingGroup(from);
        if (from.equals(ClusterState.DEFAULT_GROUP)) {
            throw ClusterRejection.forbidden("The \"default\" group cannot be renamed");
        }
        requireGroupName(to);
        if (state.groups().containsKey(to)) {
            throw ClusterRejection.conflict("Name \"" + to + "\" already in use");
        }
        return List.of(new GroupRenamed(from, to));
    }

    public List<ClusterEvent> deleteGroup(String name) {
        requireQuorum();
        if (name.equals(ClusterState.DEFAULT_GROUP)) {
            throw ClusterRejection.forbidden("The 'default' cluster group cannot be deleted");
        }
        existingGroup(name);
        if (!state.groupMembers(name).isEmpty()) {
            throw ClusterRejection.invalid("Only empty cluster groups can be removed");
        }
        return List.of(new GroupDeleted(name));
    }

    // ---- server configuration ----

    public List<ClusterEvent> configure(Map<String, String> requested, boolean merge) {
        requireQuorum();
        ServerConfig next = state.config().apply(requested, merge);
        if (next.equals(state.config())) {
            return List.of();
        }
        List<ClusterEvent> events = List.of(new ServerConfigChanged(next.values()));
        boolean limitsChanged = !next.get(ServerConfig.MAX_VOTERS)
                        .equals(state.config().get(ServerConfig.MAX_VOTERS))
                || !next.get(ServerConfig.MAX_STANDBY).equals(state.config().get(ServerConfig.MAX_STANDBY));
        return limitsChanged && state.enabled() ? withRoles(events) : events;
    }

    // ---- rules shared by the commands ----

    private List<ClusterEvent> withRoles(List<ClusterEvent> events) {
        ClusterState after = state;
        for (ClusterEvent event : events) {
            after = after.evolve(event);
        }
        List<ClusterEvent> all = new ArrayList<>(events);
        all.addAll(DatabaseRoles.adjust(after));
        return all;
    }

    private void requireClustered() {
        if (!state.enabled()) {
            throw ClusterRejection.invalid("This server is not clustered");
        }
    }

    /** Without a majority of voters online the cluster database refuses writes, as LXD's does. */
    private void requireQuorum() {
        if (state.enabled() && !state.quorum()) {
            long voters = state.members().values().stream()
                    .filter(m -> m.raftRole() == RaftRole.VOTER)
                    .count();
            long online = state.members().values().stream()
                    .filter(m -> m.raftRole() == RaftRole.VOTER && m.online())
                    .count();
            throw ClusterRejection.unavailable(
                    "Cluster database is unavailable: quorum lost (" + online + " of " + voters + " voters online)");
        }
    }

    private Member existingMember(String name) {
        return state.member(name).orElseThrow(() -> ClusterRejection.notFound("Cluster member not found"));
    }

    private void existingGroup(String name) {
        if (!state.groups().containsKey(name)) {
            throw ClusterRejection.notFound("Cluster group not found");
        }
    }

    private List<String> requireMembersExist(List<String> members) {
        List<String> wanted = members == null ? List.of() : List.copyOf(new LinkedHashSet<>(members));
        long missing =
                wanted.stream().filter(m -> !state.members().containsKey(m)).count();
        if (missing > 0) {
            throw ClusterRejection.invalid(missing + " of " + wanted.size() + " requested members not found");
        }
        return wanted;
    }

    private static void requireMemberName(String name) {
        if (name == null || name.isBlank()) {
            throw ClusterRejection.invalid("Cluster member name is required");
        }
        if (name.startsWith("@")) {
            throw ClusterRejection.invalid("Cluster member name \"" + name + "\" must not start with \"@\"");
        }
        if (name.equals("none")) {
            throw ClusterRejection.invalid("Cluster member name \"none\" is reserved");
        }
        if (!NAME.matcher(name).matches()) {
            throw ClusterRejection.invalid("Invalid cluster member name \"" + name
                    + "\": use letters, digits and dashes, starting with a letter or digit, at most 63 characters");
        }
    }

    private static void requireGroupName(String name) {
        if (name == null || name.isBlank()) {
            throw ClusterRejection.invalid("No name provided"); // LXD's words for a group, pool or network without one
        }
        if (!NAME.matcher(name).matches()) {
            throw ClusterRejection.invalid("Invalid cluster group name \"" + name
                    + "\": use letters, digits and dashes, starting with a letter or digit, at most 63 characters");
        }
    }

    private List<String> userRolesOf(Member member, List<String> requested) {
        List<String> held = DatabaseRoles.apiRoles(member, state.leader());
        Set<String> seen = new HashSet<>();
        List<String> userRoles = new ArrayList<>();
        for (String role : requested) {
            if (!seen.add(role)) {
                throw ClusterRejection.invalid("Duplicate role \"" + role + "\" in request");
            }
            if (AUTOMATIC_ROLES.contains(role)) {
                if (!held.contains(role)) {
                    throw ClusterRejection.invalid(
                            "The automatically assigned \"" + role + "\" role cannot be added manually");
                }
            } else if (USER_ROLES.contains(role)) {
                userRoles.add(role);
            } else {
                throw ClusterRejection.invalid("Invalid cluster role \"" + role + "\"");
            }
        }
        return userRoles;
    }

    private static void validateMemberConfig(Map<String, String> config) {
        config.forEach((key, value) -> {
            if (key.equals("scheduler.instance")) {
                if (!SCHEDULER_INSTANCE.contains(value == null ? "" : value)) {
                    throw ClusterRejection.invalid("Invalid cluster configuration key \"" + key + "\" value");
                }
            } else if (!key.startsWith("user.")) {
                throw ClusterRejection.invalid("Invalid cluster configuration key \"" + key + "\"");
            }
        });
    }
}
