package dev.muster.membership.cluster;

import dev.muster.membership.config.ServerConfig;
import dev.muster.membership.roles.RaftRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The cluster as its events left it. Immutable: {@link #evolve} returns the next state.
 *
 * @param members by name, in join order
 * @param groups group descriptions by name (a group's members are the members that list it)
 * @param tokens live join tokens by server name
 * @param leader the member holding {@code database-leader}
 * @param entities storage pools and networks by {@code kind/name}
 */
public record ClusterState(
        boolean enabled,
        String fingerprint,
        Map<String, Member> members,
        long lastMemberId,
        Map<String, String> groups,
        Map<String, Token> tokens,
        ServerConfig config,
        String leader,
        boolean quorum,
        Map<String, ClusterEntity> entities) {

    public static final String DEFAULT_GROUP = "default";

    /** A live join token: only the digest of its secret is kept. */
    public record Token(String operationId, String serverName, String secretDigest, Instant expiresAt) {}

    public static ClusterState initial() {
        return new ClusterState(
                false,
                "",
                Map.of(),
                0,
                Map.of(DEFAULT_GROUP, "Default cluster group"),
                Map.of(),
                ServerConfig.empty(),
                "",
                true,
                Map.of());
    }

    public Optional<Member> member(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public List<String> groupMembers(String group) {
        return members.values().stream()
                .filter(m -> m.groups().contains(group))
                .map(Member::name)
                .toList();
    }

    public Optional<Member> memberAt(String address) {
        return members.values().stream()
                .filter(m -> m.address().equals(address))
                .findFirst();
    }

    /** A member's roles as LXD 5.x names them: user roles, then {@code database-leader}/{@code database}/{@code database-standby}. */
    public List<String> apiRoles(Member member) {
        return DatabaseRoles.apiRoles(member, leader);
    }

    public ClusterState evolve(ClusterEvent event) {
        return switch (event) {
            case ClusterEvent.ClusterBootstrapped e -> withMembers(true, e.fingerprint(), Map.of(), 0, "", true);
            case ClusterEvent.JoinTokenIssued e ->
                withTokens(put(
                        tokens,
                        e.serverName(),
                        new Token(e.operationId(), e.serverName(), e.secretDigest(), e.expiresAt())));
            case ClusterEvent.JoinTokenRetired e ->
                tokens.containsKey(e.serverName())
                                && tokens.get(e.serverName()).operationId().equals(e.operationId())
                        ? withTokens(remove(tokens, e.serverName()))
                        : this;
            case ClusterEvent.MemberJoined e ->
                withMembers(
                        true,
                        fingerprint,
                        put(
                                members,
                                e.name(),
                                new Member(
                                        e.id(),
                                        e.name(),
                                        e.address(),
                                        e.architecture(),
                                        "",
                                        e.failureDomain(),
                                        Map.of(),
                                        List.of(DEFAULT_GROUP),
                                        List.of(),
                                        null,
                                        true,
                                        e.at(),
                                        false)),
                        Math.max(lastMemberId, e.id()),
                        leader,
                        quorum);
            case ClusterEvent.MemberUpdated e ->
                replace(
                        e.name(),
                        m -> m.updated(e.description(), e.failureDomain(), e.config(), e.groups(), e.userRoles()));
            case ClusterEvent.MemberRenamed e ->
                renameMember(e.from(), e.to()).withEntities(m -> m.memberRenamed(e.from(), e.to()));
            case ClusterEvent.MemberRemoved e ->
                withMembers(enabled, fingerprint, remove(members, e.name()), lastMemberId, leader, quorum)
                        .withEntities(m -> m.memberRemoved(e.name()));
            case ClusterEvent.MemberRemovalRequested e -> this;
            case ClusterEvent.RolesAssigned e -> {
                Map<String, Member> next = new LinkedHashMap<>();
                members.forEach((name, m) -> next.put(name, m.withRole(e.roles().getOrDefault(name, RaftRole.SPARE))));
                yield withMembers(enabled, fingerprint, next, lastMemberId, e.leader(), quorum);
            }
            case ClusterEvent.MemberWentOffline e -> replace(e.name(), m -> m.withOnline(false, e.lastHeartbeat()));
            case ClusterEvent.MemberCameOnline e -> replace(e.name(), m -> m.withOnline(true, m.lastHeartbeat()));
            case ClusterEvent.MemberEvacuated e -> replace(e.name(), m -> m.withEvacuated(true));
            case ClusterEvent.MemberRestored e -> replace(e.name(), m -> m.withEvacuated(false));
            case ClusterEvent.QuorumChanged e ->
                withMembers(enabled, fingerprint, members, lastMemberId, leader, e.quorum());
            case ClusterEvent.GroupCreated e -> withGroups(put(groups, e.name(), e.description()));
            case ClusterEvent.GroupUpdated e ->
                setGroupMembers(e.name(), e.members()).withGroups(put(groups, e.name(), e.description()));
            case ClusterEvent.GroupRenamed e -> renameGroup(e.from(), e.to());
            case ClusterEvent.GroupDeleted e -> withGroups(remove(groups, e.name()));
            case ClusterEvent.ServerConfigChanged e ->
                new ClusterState(
                        enabled,
                        fingerprint,
                        members,
                        lastMemberId,
                        groups,
                        tokens,
                        new ServerConfig(e.config()),
                        leader,
                        quorum,
                        entities);
            case ClusterEvent.EntityDefined e ->
                withEntity(entity(e.kind(), e.name()).defined(e.driver(), e.description(), e.config()));
            case ClusterEvent.MemberConfigSet e ->
                withEntity(entity(e.kind(), e.name()).withMemberConfig(e.member(), e.config(), e.driver()));
            case ClusterEvent.ClusterDisabled e -> initial();
        };
    }

    private ClusterState replace(String name, UnaryOperator<Member> change) {
        Member member = members.get(name);
        return member == null
                ? this
                : withMembers(
                        enabled, fingerprint, put(members, name, change.apply(member)), lastMemberId, leader, quorum);
    }

    private ClusterState renameMember(String from, String to) {
        Map<String, Member> next = new LinkedHashMap<>();
        members.forEach((name, m) -> next.put(name.equals(from) ? to : name, name.equals(from) ? m.renamed(to) : m));
        return new ClusterState(
                enabled,
                fingerprint,
                next,
                lastMemberId,
                groups,
                tokens,
                config,
                leader.equals(from) ? to : leader,
                quorum,
                entities);
    }

    private ClusterState setGroupMembers(String group, List<String> names) {
        Map<String, Member> next = new LinkedHashMap<>();
        members.forEach((name, m) -> {
            List<String> memberGroups = new ArrayList<>(m.groups());
            memberGroups.remove(group);
            if (names.contains(name)) {
                memberGroups.add(group);
            }
            next.put(name, m.withGroups(memberGroups));
        });
        return withMembers(enabled, fingerprint, next, lastMemberId, leader, quorum);
    }

    private ClusterState renameGroup(String from, String to) {
        Map<String, String> nextGroups = new LinkedHashMap<>();
        groups.forEach((name, description) -> nextGroups.put(name.equals(from) ? to : name, description));
        Map<String, Member> next = new LinkedHashMap<>();
        members.forEach((name, m) -> next.put(
                name,
                m.withGroups(
                        m.groups().stream().map(g -> g.equals(from) ? to : g).toList())));
        return new ClusterState(
                enabled, fingerprint, next, lastMemberId, nextGroups, tokens, config, leader, quorum, entities);
    }

    private ClusterState withMembers(
            boolean isEnabled,
            String print,
            Map<String, Member> next,
            long lastId,
            String newLeader,
            boolean hasQuorum) {
        return new ClusterState(isEnabled, print, next, lastId, groups, tokens, config, newLeader, hasQuorum, entities);
    }

    private ClusterState withGroups(Map<String, String> next) {
        return new ClusterState(
                enabled, fingerprint, members, lastMemberId, next, tokens, config, leader, quorum, entities);
    }

    private ClusterState withTokens(Map<String, Token> next) {
        return new ClusterState(
                enabled, fingerprint, members, lastMemberId, groups, next, config, leader, quorum, entities);
    }

    private ClusterState withEntity(ClusterEntity entity) {
        return new ClusterState(
                enabled,
                fingerprint,
                members,
                lastMemberId,
                groups,
                tokens,
                config,
                leader,
                quorum,
                put(entities, ClusterEntity.id(entity.kind(), entity.name()), entity));
    }

    private ClusterState withEntities(UnaryOperator<ClusterEntity> change) {
        Map<String, ClusterEntity> next = new LinkedHashMap<>();
        entities.forEach((id, entity) -> next.put(id, change.apply(entity)));
        return new ClusterState(
                enabled, fingerprint, members, lastMemberId, groups, tokens, config, leader, quorum, next);
    }

    /** A storage pool or network, if defined or given member-specific values. */
    public Optional<ClusterEntity> findEntity(String kind, String name) {
        return Optional.ofNullable(entities.get(ClusterEntity.id(kind, name)));
    }

    private ClusterEntity entity(String kind, String name) {
        return entities.getOrDefault(
                ClusterEntity.id(kind, name), new ClusterEntity(kind, name, "", "", Map.of(), false, Map.of()));
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        Map<String, V> next = new LinkedHashMap<>(map);
        next.put(key, value);
        return next;
    }

    private static <V> Map<String, V> remove(Map<String, V> map, String key) {
        Map<String, V> next = new LinkedHashMap<>(map);
        next.remove(key);
        return next;
    }
}
